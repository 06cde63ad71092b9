# shared_list_read: many threads reading one list; every thread sums the same
# shared list of ints over and over, and writes nothing shared (cpython
# #135454: 2.38 s with the GIL vs 3.61 s without).
# usage: shared_list_read.py [THREADS] [N]  -- each thread sums the list N times.
import sys
import threading
import time

LIST_LEN = 1000


def read_sum(shared, n):
    total = 0
    for _ in range(n):
        for x in shared:
            total += x
    return total


def worker(shared, n, results, i):
    results[i] = read_sum(shared, n)


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 20_000
    shared = list(range(LIST_LEN))
    results = [None] * threads
    workers = []
    for i in range(threads):
        workers.append(threading.Thread(target=worker, args=(shared, n, results, i)))
    start = time.perf_counter()
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    elapsed = time.perf_counter() - start
    print("result total", sum(results))
    print("work", threads * n)
    print("seconds", elapsed)


main()
