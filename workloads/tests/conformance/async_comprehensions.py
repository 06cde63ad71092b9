# Asynchronous comprehensions (PEP 530) and the aiter()/anext() builtins.

def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value


class Pause:
    def __await__(self):
        yield
        return None


async def arange(n):
    for i in range(n):
        await Pause()
        yield i


async def double(x):
    await Pause()
    return x * 2


async def main():
    print([x async for x in arange(4)])
    print([x async for x in arange(6) if x % 2])
    print({x % 3 async for x in arange(7)})
    print({x: x * x async for x in arange(3)})
    print([await double(x) for x in range(3)])
    print([await double(x) async for x in arange(3) if await double(x) > 0])
    print([(x, y) async for x in arange(2) for y in range(2)])
    print([(x, y) for x in range(2) async for y in arange(2)])
    print([[y async for y in arange(x)] for x in range(3)])
    gen = (x * 10 async for x in arange(3))
    print(type(gen).__name__)
    print([v async for v in gen])
    awaited = (await double(x) for x in range(2))
    print(type(awaited).__name__, [v async for v in awaited])
    it = aiter(arange(2))
    print(await anext(it), await anext(it))
    print(await anext(it, "default"))
    try:
        await anext(it)
    except StopAsyncIteration:
        print("StopAsyncIteration")
    return "done"


print(run(main()))


def sync_user():
    return (x async for x in arange(2))


g = sync_user()
print(type(g).__name__)


for bad in ([1, 2], 5):
    try:
        aiter(bad)
    except TypeError as e:
        print("TypeError", e)
    try:
        anext(bad)
    except TypeError as e:
        print("TypeError", e)


class NotAsyncIter:
    def __aiter__(self):
        return 1


try:
    aiter(NotAsyncIter())
except TypeError as e:
    print("TypeError", e)
