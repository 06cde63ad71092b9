# countdown: a pure interpreter loop with nothing shared (Beazley's GIL test).
# usage: countdown.py [THREADS] [N]  -- each thread counts N down to zero.
import sys
import threading
import time


def countdown(n):
    while n > 0:
        n -= 1


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000_000
    workers = []
    for _ in range(threads):
        workers.append(threading.Thread(target=countdown, args=(n,)))
    start = time.perf_counter()
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    elapsed = time.perf_counter() - start
    print("work", threads * n)
    print("seconds", elapsed)


main()
