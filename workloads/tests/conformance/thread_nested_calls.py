# Threads running recursive and nested function calls.
import threading

def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

def collatz_len(n):
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps

def longest(lo, hi):
    best = 0
    best_n = lo
    for n in range(lo, hi):
        c = collatz_len(n)
        if c > best:
            best = c
            best_n = n
    return (best_n, best)

def task(i, out):
    out[i] = (fib(12 + i), longest(1 + i * 500, 1 + (i + 1) * 500))

out = [None] * 4
threads = []
for i in range(4):
    threads.append(threading.Thread(target=task, args=(i, out)))
for t in threads:
    t.start()
for t in threads:
    t.join()
for r in out:
    print(r)
