# ThreadPoolExecutor (CPython's concurrent.futures, unchanged), threading.local, Barrier and a shared deque.
import threading
from collections import deque
from concurrent.futures import ThreadPoolExecutor, as_completed

N = 4
barrier = threading.Barrier(N)
local = threading.local()
shared = deque()

def task(i):
    local.value = i * 10
    barrier.wait()
    for k in range(100):
        shared.append((i, k))
    return i, local.value

with ThreadPoolExecutor(max_workers=N) as pool:
    futures = [pool.submit(task, i) for i in range(N)]
    results = sorted(f.result() for f in as_completed(futures))
print(results)
print(len(shared), sorted({i for i, _ in shared}))
print(list(ThreadPoolExecutor(2).map(lambda x: x * x, range(5))))
