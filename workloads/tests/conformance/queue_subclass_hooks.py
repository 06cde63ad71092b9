# Subclasses of queue.Queue that override the documented hooks (_init,
# _qsize, _put, _get) have them called by put/get/qsize/empty/full;
# LifoQueue and PriorityQueue are subclasses of Queue, and subclassable.
import queue
import threading


class Logged(queue.Queue):
    def _init(self, maxsize):
        print("_init", maxsize)
        self.queue = []

    def _qsize(self):
        return len(self.queue)

    def _put(self, item):
        print("_put", item)
        self.queue.append(item)

    def _get(self):
        item = self.queue.pop(0)
        print("_get", item)
        return item


q = Logged(2)
print(q.maxsize, q.unfinished_tasks, q.queue)
q.put("a")
q.put_nowait("b")
print(q.qsize(), q.empty(), q.full(), q.unfinished_tasks)
try:
    q.put("c", block=False)
except queue.Full:
    print("Full")
try:
    q.put("c", timeout=0.01)
except queue.Full:
    print("Full after timeout")
print(q.get(), q.get_nowait(), q.empty())
try:
    q.get_nowait()
except queue.Empty:
    print("Empty")
try:
    q.get(True, 0.01)
except queue.Empty:
    print("Empty after timeout")
q.task_done()
q.task_done()
q.join()
try:
    q.task_done()
except ValueError as e:
    print("ValueError", e)
print(sorted(k for k in vars(q)))
print(type(q.mutex).__name__, type(q.not_empty).__name__)


# Only _put and _get overridden: the other hooks keep CPython's deque.
class Doubling(queue.Queue):
    def _put(self, item):
        self.queue.append(item * 2)

    def _get(self):
        return self.queue.pop()


d = Doubling()
for i in range(4):
    d.put(i)
print(type(d.queue).__name__, d.qsize(), [d.get() for _ in range(4)])


# A subclass that overrides no hook keeps Queue's own behaviour.
class Plain(queue.Queue):
    pass


p = Plain(maxsize=1)
p.put(1)
print(p.full(), p.get(), p.empty(), p.maxsize)

# The class hierarchy.
print(issubclass(queue.LifoQueue, queue.Queue), issubclass(queue.PriorityQueue, queue.Queue))
print(queue.LifoQueue.__mro__)
print(queue.PriorityQueue.__mro__)
print(isinstance(queue.LifoQueue(), queue.Queue), isinstance(queue.PriorityQueue(), queue.Queue))
print(queue.LifoQueue.__module__, queue.PriorityQueue.__module__)

lq = queue.LifoQueue()
for i in range(3):
    lq.put(i)
print(list(lq.queue), lq.qsize(), [lq.get() for _ in range(3)])

pq = queue.PriorityQueue(maxsize=3)
for item in [(3, "c"), (1, "a"), (2, "b")]:
    pq.put(item)
print(pq.full(), pq.queue[0], [pq.get() for _ in range(3)])


# Subclasses of LifoQueue and PriorityQueue.
class CountingLifo(queue.LifoQueue):
    def __init__(self):
        super().__init__()
        self.puts = 0

    def _put(self, item):
        self.puts += 1
        super()._put(item)


c = CountingLifo()
c.put("x")
c.put("y")
print(c.puts, c.get(), c.get(), isinstance(c, queue.Queue))


class Reversed(queue.PriorityQueue):
    def _put(self, item):
        super()._put(-item)

    def _get(self):
        return -super()._get()


r = Reversed()
for v in [5, 1, 9, 3]:
    r.put(v)
print([r.get() for _ in range(4)])

# Threads through a hooked queue: a consumer blocks in get until put.
class Quiet(queue.Queue):
    def _init(self, maxsize):
        self.queue = []

    def _qsize(self):
        return len(self.queue)

    def _put(self, item):
        self.queue.append(item)

    def _get(self):
        return self.queue.pop(0)


results = []
hq = Quiet(1)


def consume():
    for _ in range(3):
        results.append(hq.get())
        hq.task_done()


t = threading.Thread(target=consume)
t.start()
for i in range(3):
    hq.put(i * 10)
hq.join()
t.join()
print(results, hq.unfinished_tasks)
