# sleep_io: threads blocked in time.sleep; every thread sleeps 1 ms N times.
# A blocking call releases the GIL, so this scales in every mode.
# usage: sleep_io.py [THREADS] [N]  -- each thread does N sleeps of 1 ms.
import sys
import threading
import time


def worker(n, results, i):
    done = 0
    for _ in range(n):
        time.sleep(0.001)
        done += 1
    results[i] = done


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 500
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
    print("result sleeps", sum(results))
    print("work", threads * n)
    print("seconds", elapsed)


main()
