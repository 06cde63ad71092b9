# except* (PEP 654): matching by type with split, the unhandled rest
# raised again, naked exceptions wrapped, raise inside handlers.
import sys


def run(f):
    try:
        f()
        print("  no exception")
    except BaseException as e:
        print("  escaped:", type(e).__name__, repr(e))
        if isinstance(e, BaseExceptionGroup):
            print("  str:", e)


def eg():
    return ExceptionGroup(
        "eg", [ValueError(1), TypeError(2), ExceptionGroup("inner", [ValueError(3), KeyError(4)])]
    )


def all_handled():
    try:
        raise eg()
    except* ValueError as e:
        print("  V", repr(e), repr(sys.exc_info()[1]) == repr(e))
    except* (TypeError, KeyError) as e:
        print("  TK", repr(e))


print("all handled")
run(all_handled)


def partly():
    try:
        raise eg()
    except* ValueError as e:
        print("  V", repr(e))


print("partly")
run(partly)


def naked():
    try:
        raise ValueError("naked")
    except* ValueError as e:
        print("  got", type(e).__name__, repr(e), e.exceptions)


print("naked")
run(naked)


def naked_unmatched():
    try:
        raise ValueError("naked")
    except* TypeError:
        print("  wrong")


print("naked unmatched")
run(naked_unmatched)


def naked_reraise():
    try:
        raise ValueError("naked")
    except* ValueError:
        raise


print("naked reraise")
run(naked_reraise)


def naked_new():
    try:
        raise ValueError("naked")
    except* ValueError:
        raise KeyError("new")


print("naked new")
run(naked_new)


def reraise_and_new():
    try:
        raise eg()
    except* ValueError as e:
        print("  V", repr(e))
        raise
    except* TypeError as e:
        print("  T", repr(e))
        raise RuntimeError("from handler")


print("reraise and new")
run(reraise_and_new)


def new_context():
    try:
        raise ExceptionGroup("g", [ValueError(1)])
    except* ValueError as e:
        raise KeyError("k")


print("new context")
try:
    new_context()
except KeyError as k:
    print("  ", repr(k), repr(k.__context__))


def two_new():
    try:
        raise ExceptionGroup("g", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise KeyError("a")
    except* TypeError:
        raise KeyError("b")


print("two new")
run(two_new)


def else_finally():
    try:
        pass
    except* ValueError:
        print("  wrong")
    else:
        print("  else")
    finally:
        print("  finally")
    try:
        raise ExceptionGroup("g", [ValueError(1), OSError(3)])
    except* ValueError:
        print("  handled V")
    else:
        print("  wrong else")
    finally:
        print("  finally 2")


print("else and finally")
run(else_finally)


def base_group():
    try:
        raise BaseExceptionGroup("b", [KeyboardInterrupt(), ValueError(1)])
    except* ValueError:
        print("  V")


print("base group")
run(base_group)


def bad_types():
    for t in (ExceptionGroup, (ValueError, BaseExceptionGroup), int):
        try:
            try:
                raise ValueError(1)
            except* t:
                pass
        except TypeError as e:
            print("  TypeError:", e)


print("bad types")
run(bad_types)


def loop_inside():
    for i in range(3):
        try:
            raise ExceptionGroup("g", [ValueError(i)])
        except* ValueError as e:
            for j in range(5):
                if j == 1:
                    break
            print("  i", i, repr(e.exceptions))


print("loop inside")
run(loop_inside)


def nested():
    try:
        try:
            raise ExceptionGroup("outer", [ValueError(1), TypeError(2)])
        except* ValueError:
            try:
                raise KeyError(3)
            except* KeyError as k:
                print("  inner", repr(k))
    except* TypeError as t:
        print("  outer", repr(t))


print("nested")
run(nested)


def name_unbound():
    try:
        raise ExceptionGroup("g", [ValueError(1)])
    except* ValueError as e:
        pass
    try:
        e
    except NameError as n:
        print("  NameError:", n)


print("name unbound")
run(name_unbound)


class MyEG(ExceptionGroup):
    def derive(self, excs):
        return MyEG(self.message + "!", excs)


def subclass_split():
    try:
        raise MyEG("mine", [ValueError(1), TypeError(2)])
    except* ValueError as e:
        print("  V", type(e).__name__, repr(e))


print("subclass split")
run(subclass_split)


def generator():
    try:
        yield 1
        raise ExceptionGroup("g", [ValueError(1), TypeError(2)])
    except* ValueError as e:
        yield repr(e)


print("generator")
g = generator()
print(" ", next(g))
print(" ", next(g))
try:
    next(g)
except ExceptionGroup as e:
    print("  rest", repr(e))

print("syntax errors")
for src in (
    "def f():\n    try:\n        pass\n    except* ValueError:\n        return 1\n",
    "for i in range(3):\n    try:\n        pass\n    except* ValueError:\n        break\n",
    "for i in range(3):\n    try:\n        pass\n    except* ValueError:\n        continue\n",
    "try:\n    pass\nexcept* ValueError:\n    for i in range(3):\n        break\n",
):
    try:
        compile(src, "s", "exec")
        print("  compiled")
    except SyntaxError as e:
        # (Only the message: this runtime's SyntaxError text has no
        # `msg`/`lineno` attributes yet.)
        print("  SyntaxError", "cannot appear in an except* block" in str(e))
