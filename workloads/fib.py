# fib: recursive calls; every thread shares the function and globals objects.
# usage: fib.py [THREADS] [N]  -- each thread computes fib(N).
import sys
import threading
import time


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def worker(n, results, i):
    results[i] = fib(n)


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 29
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
    print("work", sum(results))
    print("seconds", elapsed)


main()
