# Coroutines and async generators driven by hand in several threads at
# once: each thread runs its own tiny event loop over code and awaitable
# classes that all threads share.
import threading


class Pause:
    def __await__(self):
        yield


async def numbers(n):
    for i in range(n):
        await Pause()
        yield i


async def square(x):
    await Pause()
    return x * x


async def work(tid):
    total = 0
    async for i in numbers(50):
        total += await square(i)
    evens = [x async for x in numbers(20) if x % 2 == 0]
    return tid, total, sum(evens)


def run_all(coros):
    """Round-robin: each coroutine advances one step per turn."""
    results = []
    pending = list(coros)
    while pending:
        still = []
        for c in pending:
            try:
                c.send(None)
                still.append(c)
            except StopIteration as e:
                results.append(e.value)
        pending = still
    return results


out = []
lock = threading.Lock()


def thread_main(tid):
    r = run_all([work(tid * 10 + k) for k in range(3)])
    with lock:
        out.extend(r)


threads = [threading.Thread(target=thread_main, args=(t,)) for t in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for r in sorted(out):
    print(r)
