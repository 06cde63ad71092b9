# async def, await, async with and async for, driven by send() as an event
# loop drives them: coroutine and async generator objects and their errors.
import sys

async def add(a, b):
    return a + b

class Sleep:
    def __init__(self, v):
        self.v = v
    def __await__(self):
        got = yield self.v
        return got * 2

async def main(n):
    total = 0
    for i in range(n):
        total += await add(i, 1)
    r = await Sleep("tick")
    return total, r

c = main(3)
print(type(c).__name__, repr(c).split(" at ")[0])
print(c.send(None))
try:
    c.send(21)
except StopIteration as e:
    print("done", e.value)

class ACM:
    async def __aenter__(self):
        print("enter")
        return "value"
    async def __aexit__(self, t, e, tb):
        print("exit", t.__name__ if t else None)
        return t is KeyError

class Counter:
    def __init__(self, n):
        self.n = n
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.n == 0:
            raise StopAsyncIteration
        self.n -= 1
        return self.n

async def uses():
    async with ACM() as v:
        print("body", v)
    async with ACM():
        raise KeyError("suppressed")
    out = []
    async for x in Counter(3):
        if x == 0:
            break
        out.append(x)
    else:
        out.append("no")
    async for x in Counter(2):
        out.append(x)
    else:
        out.append("else")
    try:
        async with ACM():
            raise ValueError("boom")
    except ValueError as e:
        out.append(str(e))
    return out

def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value

print(run(uses()))

async def agen():
    yield 1
ag = agen()
print(type(ag).__name__, repr(ag).split(" at ")[0])
m1 = main(1)
for bad in (lambda: iter(c), lambda: next(m1), lambda: [x for x in ag]):
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)

async def bad_await():
    await 5
try:
    run(bad_await())
except TypeError as e:
    print("TypeError", e)
cc = add(1, 2)
cc.close()
m1.close()
print(cc.__class__.__name__)
