# shared_counter: many threads updating one object; every increment of the
# shared counter's attribute happens under one threading.Lock (nogil #121:
# without a GIL such contended updates got 45-106x slower).
# usage: shared_counter.py [THREADS] [N]  -- each thread increments N times.
import sys
import threading
import time


class Counter:
    def __init__(self):
        self.value = 0


def worker(counter, lock, n):
    for _ in range(n):
        with lock:
            counter.value += 1


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    counter = Counter()
    lock = threading.Lock()
    workers = []
    for _ in range(threads):
        workers.append(threading.Thread(target=worker, args=(counter, lock, n)))
    start = time.perf_counter()
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    elapsed = time.perf_counter() - start
    print("result count", counter.value)
    print("work", threads * n)
    print("seconds", elapsed)


main()
