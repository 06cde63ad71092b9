# The exception being handled survives a suspension: a bare `raise`, a new
# exception's __context__ and sys.exc_info() after a `yield` or an `await`
# inside an `except` block (CPython keeps it with the suspended frame).
import sys


def gen():
    try:
        raise KeyError("k")
    except KeyError:
        yield 1
        print("handling", repr(sys.exc_info()[1]))
        raise


it = gen()
next(it)
print("outside", sys.exc_info())
try:
    next(it)
except KeyError as e:
    print("KeyError", e)


class Pause:
    def __await__(self):
        yield


async def coro():
    try:
        raise ValueError("v")
    except ValueError:
        await Pause()
        raise TypeError("t")


c = coro()
c.send(None)
try:
    c.send(None)
except TypeError as e:
    print("TypeError", e, "context", repr(e.__context__))


class Res:
    async def __aexit__(self, t, e, tb):
        await Pause()
        raise KeyError("from aexit")
    async def __aenter__(self):
        return self


async def with_exit():
    async with Res():
        raise ValueError("body")


w = with_exit()
w.send(None)
try:
    w.send(None)
except KeyError as e:
    print("KeyError", e, "context", repr(e.__context__))
print("after", sys.exc_info())
