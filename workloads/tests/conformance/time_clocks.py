# time's clocks: types, units and order, and get_clock_info.
import time

t0, ns = time.time(), time.time_ns()
print(type(t0).__name__, type(ns).__name__, abs(ns / 1e9 - t0) < 5)
a, b = time.monotonic(), time.monotonic()
print(a <= b, type(time.monotonic_ns()).__name__)
a, b = time.perf_counter_ns(), time.perf_counter_ns()
print(a <= b, type(a).__name__)
p = time.process_time()
print(type(p).__name__, p >= 0, type(time.process_time_ns()).__name__)
print(type(time.thread_time()).__name__, time.thread_time_ns() >= 0)
start = time.monotonic()
time.sleep(0.01)
print(time.monotonic() - start >= 0.009)
for name in ["time", "monotonic", "perf_counter", "process_time", "thread_time"]:
    info = time.get_clock_info(name)
    print(name, info.implementation, info.monotonic, info.adjustable, info.resolution)
try:
    time.sleep(-1)
except ValueError as e:
    print("ValueError", e)
