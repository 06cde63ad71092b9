# Coroutine objects: send/throw/close, __await__, reuse, and awaiting
# iterators that have send/throw methods.

def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value


async def simple(x):
    return x + 1

c = simple(1)
print(run(c))
try:
    c.send(None)
except RuntimeError as e:
    print("RuntimeError", e)
try:
    c.throw(ValueError)
except RuntimeError as e:
    print("RuntimeError", e)
c.close()
print("closing a finished coroutine is quiet")


async def outer():
    return await simple(41)

w = outer().__await__()
print(type(w).__name__)
try:
    next(w)
except StopIteration as e:
    print("StopIteration", e.value)

class Waiter:
    def __await__(self):
        try:
            v = yield "waiting"
        except KeyError as e:
            return "recovered " + str(e)
        return v

async def uses_waiter():
    r = await Waiter()
    return r

u = uses_waiter()
print(u.send(None))
try:
    u.send("sent")
except StopIteration as e:
    print("result", e.value)

u = uses_waiter()
u.send(None)
try:
    u.throw(KeyError("k"))
except StopIteration as e:
    print("result", e.value)

u = uses_waiter()
u.send(None)
try:
    u.throw(ValueError("v"))
except ValueError as e:
    print("ValueError", e)


class ManualIter:
    """An __await__ iterator that is not a generator: send/throw/close."""
    def __init__(self):
        self.n = 0
    def __iter__(self):
        return self
    def __next__(self):
        return self.send(None)
    def send(self, v):
        self.n += 1
        if self.n > 2:
            raise StopIteration(("finished", v))
        return ("step", self.n, v)
    def throw(self, *exc):
        print("ManualIter.throw", exc[0].__name__ if isinstance(exc[0], type) else type(exc[0]).__name__)
        raise StopIteration("thrown")
    def close(self):
        print("ManualIter.close")

class Manual:
    def __await__(self):
        return ManualIter()

async def uses_manual():
    return await Manual()

m = uses_manual()
print(m.send(None))
print(m.send("x"))
try:
    m.send("y")
except StopIteration as e:
    print("result", e.value)

m = uses_manual()
m.send(None)
try:
    m.throw(KeyError)
except StopIteration as e:
    print("result", e.value)
m = uses_manual()
m.send(None)
m.close()


class BadAwait:
    def __await__(self):
        return 5

async def await_bad():
    await BadAwait()

for coro in (await_bad(),):
    try:
        coro.send(None)
    except TypeError as e:
        print("TypeError", e)

async def await_int():
    await 1
try:
    await_int().send(None)
except TypeError as e:
    print("TypeError", e)

async def ignores_exit():
    try:
        await Waiter()
    except GeneratorExit:
        await Waiter()

ie = ignores_exit()
ie.send(None)
try:
    ie.close()
except RuntimeError as e:
    print("RuntimeError", e)

async def raises_stop():
    raise StopIteration("x")
try:
    raises_stop().send(None)
except RuntimeError as e:
    print("RuntimeError", e)

fresh = simple(0)
try:
    fresh.send(1)
except TypeError as e:
    print("TypeError", e)
fresh.close()

async def awaits_twice(co):
    await co

inner = uses_waiter()
first = awaits_twice(inner)
first.send(None)
second = awaits_twice(inner)
try:
    second.send(None)
except RuntimeError as e:
    print("RuntimeError", e)
first.close()
second.close()


async def running():
    return r.send(None)
r = running()
try:
    r.send(None)
except ValueError as e:
    print("ValueError", e)


import types
print(types.CoroutineType.__name__, types.AsyncGeneratorType.__name__)
x = simple(0)
print(isinstance(x, types.CoroutineType), type(x) is types.CoroutineType)
x.close()
