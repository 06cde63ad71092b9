# Async generators (PEP 525) driven by hand: __anext__, asend, athrow,
# aclose, async for over them, and their errors.

def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value


class Tick:
    """An awaitable that suspends once (what an event loop would see)."""
    def __await__(self):
        got = yield "tick"
        return got


async def ticker(n):
    for i in range(n):
        await Tick()
        yield i * 10
    yield "last"


async def collect(agen):
    out = []
    async for v in agen:
        out.append(v)
    return out


print(run(collect(ticker(3))))

ag = ticker(2)
print(type(ag).__name__, repr(ag).split(" at ")[0].split(".")[-1])
print(ag.__aiter__() is ag)
a = ag.__anext__()
print(type(a).__name__)
print(a.send(None))            # the Tick's yield passes through
try:
    a.send(None)
except StopIteration as e:
    print("StopIteration", e.value)
try:
    a.send(None)
except RuntimeError as e:
    print("RuntimeError", e)


async def echo():
    received = []
    try:
        while True:
            v = yield len(received)
            received.append(v)
    finally:
        print("echo finally", received)


e = echo()
for step in (e.__anext__(), e.asend("a"), e.asend("b")):
    try:
        step.send(None)
    except StopIteration as s:
        print("got", s.value)
try:
    e.aclose().send(None)
except StopIteration as s:
    print("closed", s.value)
try:
    e.__anext__().send(None)
except StopAsyncIteration as s:
    print("StopAsyncIteration", repr(s))


async def catcher():
    try:
        yield 1
    except ValueError as err:
        print("caught", err)
        yield 2
    yield 3


c = catcher()
try:
    c.__anext__().send(None)
except StopIteration as s:
    print("first", s.value)
try:
    c.athrow(ValueError("bad")).send(None)
except StopIteration as s:
    print("athrow gave", s.value)
try:
    c.athrow(KeyError, "k").send(None)
except KeyError as err:
    print("KeyError", err)
try:
    c.__anext__().send(None)
except StopAsyncIteration:
    print("exhausted")


async def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield 2


s = stubborn()
try:
    s.__anext__().send(None)
except StopIteration as x:
    print("stubborn", x.value)
try:
    s.aclose().send(None)
except RuntimeError as err:
    print("RuntimeError", err)


async def raises_stop():
    yield 1
    raise StopAsyncIteration


r = raises_stop()
try:
    r.__anext__().send(None)
except StopIteration as x:
    print("value", x.value)
try:
    r.__anext__().send(None)
except RuntimeError as err:
    print("RuntimeError", err, type(err.__cause__).__name__)


async def fresh():
    yield 1

f = fresh()
try:
    f.asend(5).send(None)
except TypeError as err:
    print("TypeError", err)
try:
    f.aclose().send(None)
except StopIteration:
    print("aclose of a fresh one stops")
try:
    f.__anext__().send(None)
except StopAsyncIteration:
    print("then it is exhausted")

a1 = ticker(1)
n1 = a1.__anext__()
print(n1.send(None))
n2 = a1.__anext__()
try:
    n2.send(None)
except RuntimeError as err:
    print("RuntimeError", err)
n1.close()
print(type(ticker(1).aclose()).__name__)
