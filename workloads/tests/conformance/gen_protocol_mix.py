def count(n):
    i = 0
    while i < n:
        yield i
        i += 1
    return "done"
print(list(count(4)), sum(x * x for x in range(5)), max(len(w) for w in ["a", "abc"]))
g = count(2)
print(next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print("stop", e.value)
def echo():
    received = []
    while True:
        x = yield len(received)
        if x is None:
            break
        received.append(x)
    return received
e = echo()
print(next(e), e.send("a"), e.send("b"))
try:
    e.send(None)
except StopIteration as s:
    print(s.value)
def inner():
    yield 1
    yield 2
    return "inner-ret"
def outer():
    r = yield from inner()
    yield r
    yield from [10, 20]
print(list(outer()))
def guarded():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")
gg = guarded()
print(next(gg))
gg.close()
def catcher():
    while True:
        try:
            yield
        except ValueError as err:
            print("caught", err)
c = catcher(); next(c); c.throw(ValueError("boom"))
def bad():
    raise StopIteration
    yield
try:
    next(bad())
except RuntimeError as r:
    print(r)
gen = (i for i in range(3))
print(next(gen), list(gen), list(gen))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(10)])
import threading
def slow():
    yield 1
t = slow()
print(type(t).__name__, any(x > 3 for x in [1, 5]), all(x > 0 for x in []))
