# async with / async for: unwinding by return, break and continue,
# exceptions from __aexit__, and CPython's TypeErrors.

def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value


class Pause:
    def __await__(self):
        yield


class Res:
    def __init__(self, name, log):
        self.name, self.log = name, log
    async def __aenter__(self):
        await Pause()
        self.log.append("enter " + self.name)
        return self
    async def __aexit__(self, t, e, tb):
        await Pause()
        self.log.append("exit %s %s" % (self.name, t.__name__ if t else None))
        return False


async def agen(n, log):
    try:
        for i in range(n):
            await Pause()
            yield i
    finally:
        log.append("agen finally")


async def returns_inside(log):
    async with Res("a", log), Res("b", log):
        return "returned"


async def loops(log):
    out = []
    async for i in agen(5, log):
        if i == 1:
            continue
        async with Res(str(i), log):
            if i == 3:
                break
            out.append(i)
    else:
        out.append("else")
    return out


async def nested_exc(log):
    try:
        async with Res("outer", log):
            async with Res("inner", log):
                raise ValueError("inner boom")
    except ValueError as e:
        log.append("caught " + str(e))
    return "ok"


class BadExit:
    async def __aenter__(self):
        return 1
    async def __aexit__(self, *a):
        raise KeyError("from aexit")


async def bad_exit():
    try:
        async with BadExit():
            raise ValueError("body")
    except KeyError as e:
        return "KeyError %s context %s" % (e, type(e.__context__).__name__)


for f in (returns_inside, loops, nested_exc):
    log = []
    print(f.__name__, run(f(log)), log)
print(run(bad_exit()))


class NoAexit:
    async def __aenter__(self):
        return 1

class SyncOnly:
    def __enter__(self):
        return 1
    def __exit__(self, *a):
        pass

class BadAnext:
    def __aiter__(self):
        return self
    def __anext__(self):
        return 5

class NoAnext:
    def __aiter__(self):
        return self


async def uses(kind):
    if kind == "with":
        async with NoAexit():
            pass
    elif kind == "sync":
        async with SyncOnly():
            pass
    elif kind == "for":
        async for x in [1, 2]:
            pass
    elif kind == "badanext":
        async for x in BadAnext():
            pass
    elif kind == "noanext":
        async for x in NoAnext():
            pass

for kind in ("with", "sync", "for", "badanext", "noanext"):
    try:
        run(uses(kind))
    except TypeError as e:
        print("TypeError", e)


async def aclosing_user(log):
    g = agen(10, log)
    async for i in g:
        if i == 2:
            break
    await g.aclose()
    return i

log = []
print(run(aclosing_user(log)), log)

async def attrs():
    pass
c = attrs()
print(c.__name__, c.__qualname__, c.cr_running, c.cr_await, c.cr_code.co_name)
c.close()
g = agen(1, [])
print(g.__name__, g.ag_running, g.ag_await, g.ag_code.co_name)
