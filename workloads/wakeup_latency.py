# wakeup_latency: how late a sleeping thread runs beside CPU-bound threads
# (ccbench's latency test). One thread sleeps 1 ms N times and measures how
# much later than asked it wakes; THREADS-1 threads spin in pure Python loops
# until it is done. Under a GIL a woken thread waits for the spinners to drop
# the lock (up to a switch interval, 5 ms); THREADS=1 is the baseline.
# usage: wakeup_latency.py [THREADS] [N]  -- N sleeps, THREADS-1 spinners.
import sys
import threading
import time


def spin(stop, counts, i):
    n = 0
    while not stop[0]:
        for _ in range(1000):
            n += 1
    counts[i] = n


def sleeper(n, lateness):
    for _ in range(n):
        t0 = time.perf_counter()
        time.sleep(0.001)
        lateness.append(time.perf_counter() - t0 - 0.001)


def percentile(sorted_values, p):
    i = int(p * len(sorted_values))
    if i >= len(sorted_values):
        i = len(sorted_values) - 1
    return sorted_values[i]


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    stop = [False]
    counts = [0] * threads
    spinners = []
    for i in range(1, threads):
        spinners.append(threading.Thread(target=spin, args=(stop, counts, i)))
    lateness = []
    sleeping = threading.Thread(target=sleeper, args=(n, lateness))
    start = time.perf_counter()
    for t in spinners:
        t.start()
    sleeping.start()
    sleeping.join()
    elapsed = time.perf_counter() - start
    stop[0] = True
    for t in spinners:
        t.join()
    late = sorted(lateness)
    print("result sleeps", len(late))
    print("result spinners", threads - 1)
    print("work", n)
    print("seconds", elapsed)
    print("merit p50_latency %.3f ms lower" % (percentile(late, 0.5) * 1000))
    print("merit p99_latency %.3f ms lower" % (percentile(late, 0.99) * 1000))
    print("merit max_latency %.3f ms lower" % (late[-1] * 1000))


main()
