# CPython's asyncio, unchanged, on its selector event loop: run, tasks,
# gather, sleep, Queue, TaskGroup, timeouts, wait_for, run_in_executor,
# async generators, events, locks, and cancellation.
import asyncio
import signal
import threading


async def add(a, b, delay=0):
    await asyncio.sleep(delay)
    return a + b


async def basics():
    print("sum:", await add(1, 2))
    task = asyncio.create_task(add(3, 4, 0.01), name="adder")
    print(task.get_name(), task.done())
    print("task:", await task, task.done(), task.result())
    print("gather:", await asyncio.gather(add(1, 1), add(2, 2, 0.01), add(3, 3)))
    results = await asyncio.gather(add(1, 1), add("a", 1), return_exceptions=True)
    print("gather exc:", results[0], type(results[1]).__name__)
    print("current task named:", asyncio.current_task().get_name() != "")


async def ordering():
    order = []

    async def worker(name, delay):
        await asyncio.sleep(delay)
        order.append(name)

    await asyncio.gather(worker("c", 0.09), worker("a", 0.03), worker("b", 0.06))
    print("order:", order)


async def queues():
    q = asyncio.Queue(maxsize=2)
    out = []

    async def producer():
        for i in range(5):
            await q.put(i)
        await q.put(None)

    async def consumer():
        while True:
            item = await q.get()
            q.task_done()
            if item is None:
                break
            out.append(item * 10)

    await asyncio.gather(producer(), consumer())
    await q.join()
    print("queue:", out, q.empty())
    pq = asyncio.PriorityQueue()
    for x in (3, 1, 2):
        pq.put_nowait(x)
    print("priority:", [pq.get_nowait() for _ in range(3)])
    try:
        pq.get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty")


async def task_groups():
    async with asyncio.TaskGroup() as tg:
        t1 = tg.create_task(add(1, 2, 0.01))
        t2 = tg.create_task(add(3, 4))
    print("taskgroup:", t1.result(), t2.result())



async def timeouts():
    try:
        await asyncio.wait_for(asyncio.sleep(10), timeout=0.02)
    except asyncio.TimeoutError:
        print("wait_for timed out")
    print("wait_for:", await asyncio.wait_for(add(5, 5), timeout=5))
    try:
        async with asyncio.timeout(0.02):
            await asyncio.sleep(10)
    except TimeoutError:
        print("timeout() expired")
    done, pending = await asyncio.wait(
        [asyncio.create_task(add(1, 1)), asyncio.create_task(asyncio.sleep(10))],
        timeout=0.05,
    )
    print("wait:", len(done), len(pending))
    for t in pending:
        t.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    print("cancelled:", [t.cancelled() for t in pending])


async def cancellation():
    started = asyncio.Event()

    async def sleeper():
        started.set()
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            print("sleeper cancelled")
            raise

    t = asyncio.create_task(sleeper())
    await started.wait()
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("await cancelled task: CancelledError", t.cancelled())


async def executor():
    loop = asyncio.get_running_loop()

    def blocking(x):
        return x * 2, threading.current_thread() is threading.main_thread()

    print("executor:", await loop.run_in_executor(None, blocking, 21))
    print("to_thread:", await asyncio.to_thread(blocking, 5))


async def agen(n):
    for i in range(n):
        await asyncio.sleep(0)
        yield i * i


async def async_generators():
    print("agen:", [x async for x in agen(5)])
    g = agen(10)
    print("anext:", await anext(g), await anext(g))
    await g.aclose()
    total = 0
    async for x in agen(4):
        total += x
    print("total:", total)


async def locks():
    lock = asyncio.Lock()
    seen = []

    async def critical(name):
        async with lock:
            seen.append(name + "+")
            await asyncio.sleep(0.001)
            seen.append(name + "-")

    await asyncio.gather(critical("a"), critical("b"))
    print("lock:", seen)
    sem = asyncio.Semaphore(2)
    active = [0, 0]

    async def limited():
        async with sem:
            active[0] += 1
            active[1] = max(active[1], active[0])
            await asyncio.sleep(0.001)
            active[0] -= 1

    await asyncio.gather(*(limited() for _ in range(6)))
    print("semaphore max:", active[1])
    fut = asyncio.get_running_loop().create_future()
    asyncio.get_running_loop().call_soon(fut.set_result, "done")
    print("future:", await fut)


async def main():
    await basics()
    await ordering()
    await queues()
    await task_groups()
    await timeouts()
    await cancellation()
    await executor()
    await async_generators()
    await locks()
    return "main done"


print(asyncio.run(main()))
print(asyncio.run(add(2, 3)))
print("SIGINT handler restored:", signal.getsignal(signal.SIGINT) is signal.default_int_handler)
loop = asyncio.new_event_loop()
print("run_until_complete:", loop.run_until_complete(add(1, 1)))
loop.close()
print(loop.is_closed())
