# alloc_churn: allocation and freeing of small containers; every thread builds
# and drops its own lists, dicts and tuples (the allocator and the reference
# counts are all that is stressed, nothing is shared).
# usage: alloc_churn.py [THREADS] [N]  -- each thread does N rounds.
import sys
import threading
import time


def churn(n):
    # A ring of recent objects, so that some die at once and some later.
    ring = [None] * 16
    check = 0
    for i in range(n):
        items = [i, i + 1, i + 2]
        record = {"id": i, "items": items, "tag": "x"}
        pair = (i, record)
        ring[i % 16] = pair
        old = ring[(i + 1) % 16]
        if old is not None:
            check += old[1]["items"][2] - old[0]
        check += len(record) + len(items)
    return check


def worker(n, results, i):
    results[i] = churn(n)


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 500_000
    results = [None] * threads
    workers = []
    for i in range(threads):
        workers.append(threading.Thread(target=worker, args=(n, results, i)))
    start = time.perf_counter()
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    elapsed = time.perf_counter() - start
    print("result checksum", sum(results))
    print("work", threads * n)
    print("seconds", elapsed)


main()
