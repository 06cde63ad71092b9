# throw() and close() through `yield from` reach the innermost generator
# first (PEP 380); what it does decides what the outer generators see.


def leaf(name):
    try:
        yield name + " 1"
        yield name + " 2"
    except ValueError as e:
        print("  leaf caught", repr(e))
        return "leaf handled " + str(e)
    finally:
        print("  leaf finally")


def middle():
    result = yield from leaf("m")
    print("  middle got", result)
    yield "middle after"
    return "middle done"


def top():
    try:
        result = yield from middle()
        print("  top got", result)
    except KeyError as e:
        print("  top caught", repr(e))
        yield "top recovered"


# ValueError: caught by the leaf, which returns; middle goes on.
g = top()
print(next(g))
print(g.throw(ValueError("v")))
print(next(g, "exhausted"))

# KeyError: not caught by leaf or middle; top catches it.
g = top()
print(next(g))
print(g.throw(KeyError("k")))

# An exception nobody catches propagates out of throw().
g = top()
next(g)
try:
    g.throw(TypeError("t"))
except TypeError as e:
    print("escaped:", repr(e))
print(next(g, "closed after the error"))

# close() closes the innermost generator first.
g = top()
next(g)
g.close()
print("closed")


def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield "refuses"


def delegate():
    yield from stubborn()


d = delegate()
next(d)
try:
    d.close()
except RuntimeError as e:
    print("RuntimeError:", e)


# A builtin iterator has no throw(): the exception is raised in the delegator.
def over_list():
    try:
        yield from [1, 2, 3]
    except ValueError as e:
        print("  over_list caught", repr(e))
        yield "list delegator recovered"


g = over_list()
print(next(g), g.throw(ValueError("x")))


# send() after a throw that the subgenerator survived.
def echo():
    while True:
        try:
            got = yield
            print("  echo got", got)
        except IndexError:
            print("  echo survived IndexError")


def relay():
    yield from echo()


r = relay()
next(r)
r.send("a")
r.throw(IndexError)
r.send("b")

# Uncaught at the end: the traceback goes through both generators.
g = top()
next(g)
g.throw(ZeroDivisionError("last"))
