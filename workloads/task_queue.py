# task_queue: a producer/consumer worker pool over queue.Queue. The main
# thread puts N tasks; THREADS workers take them, compute, and put results on
# a second queue. Three tasks in four are CPU tasks (a small fib), one in four
# is an IO task (time.sleep of 1 ms, then an echo of its argument).
# usage: task_queue.py [THREADS] [N]  -- N tasks in total, THREADS workers.
import queue
import sys
import threading
import time


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def run_task(i):
    if i % 4 == 3:
        time.sleep(0.001)
        return i
    return fib(15 + i % 4)


def worker(tasks, results):
    done = 0
    while True:
        i = tasks.get()
        if i is None:
            break
        results.put((i, run_task(i)))
        done += 1
    results.put(None)


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    tasks = queue.Queue()
    results = queue.Queue()
    workers = []
    for _ in range(threads):
        workers.append(threading.Thread(target=worker, args=(tasks, results)))
    start = time.perf_counter()
    for t in workers:
        t.start()
    for i in range(n):
        tasks.put(i)
    for _ in range(threads):
        tasks.put(None)
    total = 0
    count = 0
    finished = 0
    while finished < threads:
        r = results.get()
        if r is None:
            finished += 1
        else:
            total += r[1]
            count += 1
    for t in workers:
        t.join()
    elapsed = time.perf_counter() - start
    print("result tasks", count)
    print("result sum", total)
    print("work", n)
    print("seconds", elapsed)


main()
