# queue.SimpleQueue: unbounded FIFO, Empty on a non-blocking or timed-out
# get, and a consumer thread waiting on it.
import queue
import threading

q = queue.SimpleQueue()
print(q.empty(), q.qsize())
for i in range(3):
    q.put(i)
q.put_nowait("x")
q.put(4, block=False, timeout=1)
print(q.qsize(), q.empty(), [q.get() for _ in range(4)], q.get_nowait())
for call in [q.get_nowait, lambda: q.get(False), lambda: q.get(timeout=0.01)]:
    try:
        call()
    except queue.Empty as e:
        print(type(e).__name__)
try:
    q.get(timeout=-1)
except ValueError as e:
    print(type(e).__name__, e)
got = []
t = threading.Thread(target=lambda: got.extend(q.get() for _ in range(100)))
t.start()
for i in range(100):
    q.put(i)
t.join()
print(got == list(range(100)), q.empty(), queue.SimpleQueue[int])
