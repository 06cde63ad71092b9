# time: clocks are monotonic-ish and sleep returns None; values are never printed.
import time
from time import sleep, perf_counter
t0 = time.perf_counter()
m0 = time.monotonic()
w0 = time.time()
r = sleep(0.01)
t1 = perf_counter()
m1 = time.monotonic()
print(r)
print(t1 - t0 >= 0, m1 - m0 >= 0)
print(w0 > 1000000000)
time.sleep(0)
print(time.perf_counter() >= t1)
total = 0
start = time.perf_counter()
for i in range(1000):
    total += i
elapsed = time.perf_counter() - start
print(total, elapsed >= 0.0)
