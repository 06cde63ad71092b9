# A put that times out gives the item back: its reference is released by
# the putting thread after it re-attaches, never while it waits without the
# GIL (the debug-build attachment check fails the old path at once).
import queue
import sys
import threading

x = object()
q = queue.Queue(1)
q.put(0)
before = sys.getrefcount(x)


def timing_out():
    for _ in range(20):
        try:
            q.put(x, timeout=0.001)
        except queue.Full:
            pass


def building():
    for _ in range(2000):
        pair = [x, x]
        del pair


threads = [threading.Thread(target=timing_out), threading.Thread(target=building)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sys.getrefcount(x) == before, q.qsize())
try:
    q.put_nowait(x)
except queue.Full:
    print("full")
print(sys.getrefcount(x) == before)
