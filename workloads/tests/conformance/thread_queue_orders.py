# queue.LifoQueue and queue.PriorityQueue: order, bounds, timeouts, and
# producers and consumers in threads with task_done/join.
import queue
import threading

lq = queue.LifoQueue()
for x in "abcde":
    lq.put(x)
print(lq.qsize(), lq.empty(), lq.full(), lq.maxsize)
print([lq.get() for _ in range(5)], lq.empty())

pq = queue.PriorityQueue(maxsize=3)
pq.put((2, "b"))
pq.put_nowait((1, "a"))
pq.put((3, "c"), block=False)
print(pq.full(), pq.qsize())
for attempt in [lambda: pq.put_nowait((0, "z")), lambda: pq.put((0, "z"), timeout=0.01)]:
    try:
        attempt()
    except queue.Full:
        print("queue.Full")
print(pq.get(), pq.get_nowait(), pq.get(timeout=1))
for attempt in [pq.get_nowait, lambda: pq.get(timeout=0.01), lambda: pq.get(False)]:
    try:
        attempt()
    except queue.Empty:
        print("queue.Empty")
# A negative timeout is an error only where the call could wait, for every
# kind of queue.
for make in [queue.Queue, queue.LifoQueue, queue.PriorityQueue]:
    unbounded, bounded = make(), make(maxsize=2)
    unbounded.put(1, timeout=-1)
    bounded.put(1, block=False, timeout=-1)
    outcomes = [unbounded.get(False, -1)]
    for attempt in [lambda: bounded.put(2, timeout=-1), lambda: unbounded.get(timeout=-5)]:
        try:
            attempt()
            outcomes.append("no error")
        except ValueError as e:
            outcomes.append(str(e))
    print(make.__name__, outcomes)
try:
    pq.task_done()
except ValueError as e:
    print("ValueError:", e)
print(type(lq).__name__, type(pq).__name__, type(pq).__module__)

# Producers feed a bounded priority queue; consumers record what they take.
work = queue.PriorityQueue(maxsize=4)
taken = []
taken_lock = threading.Lock()


def producer(base):
    for i in range(25):
        work.put((base + i, "item"))


def consumer():
    while True:
        priority, _ = work.get()
        if priority < 0:
            work.task_done()
            return
        with taken_lock:
            taken.append(priority)
        work.task_done()


consumers = [threading.Thread(target=consumer) for _ in range(3)]
producers = [threading.Thread(target=producer, args=(100 * p,)) for p in range(4)]
for t in consumers + producers:
    t.start()
for t in producers:
    t.join()
work.join()
print(len(taken), sorted(taken) == sorted(100 * p + i for p in range(4) for i in range(25)))
for _ in consumers:
    work.put((-1, "stop"))
for t in consumers:
    t.join()
print(work.empty(), work.unfinished_tasks)

# A LIFO stack handed between two threads in turn.
stack = queue.LifoQueue()
done = threading.Event()


def pusher():
    for i in range(5):
        stack.put(i)
    done.set()


t = threading.Thread(target=pusher)
t.start()
done.wait()
t.join()
print([stack.get() for _ in range(5)])
