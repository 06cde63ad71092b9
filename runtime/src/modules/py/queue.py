# The queues that take their items in an order other than FIFO, and the
# methods of any subclass of `Queue` that overrides its hooks. `Queue`
# itself is native (a crossbeam channel); these keep their items where the
# hooks say, guarded by one lock, with condition variables for the waits,
# so blocking calls detach from the runtime inside Lock.acquire as Queue's
# do.
import heapq as _heapq
import threading as _threading
from time import monotonic as _monotonic


def _wait(cond, ready, block, timeout, failure):
    # Called with `cond` held: return once ready() is true, or raise
    # `failure` (Empty or Full) when not blocking or when the timeout ends.
    if not block:
        if not ready():
            raise failure
        return
    if timeout is None:
        while not ready():
            cond.wait()
        return
    if timeout < 0:
        raise ValueError("'timeout' must be a non-negative number")
    deadline = _monotonic() + timeout
    while not ready():
        left = deadline - _monotonic()
        if left <= 0:
            raise failure
        cond.wait(left)


# The methods of a subclass of `Queue` that overrides one of the hooks
# `_init`, `_qsize`, `_put`, `_get` (the native methods call these, with
# the instance first): the queue's state lives in the instance's
# attributes, as CPython's (`queue`, `mutex`, `not_empty`, `not_full`,
# `all_tasks_done`, `unfinished_tasks`), and the hooks the subclass does
# not override keep a deque in `queue`.


def _hook(self, name, default):
    f = getattr(self, name, None)
    return f if f is not None else default.__get__(self)


def _deque_init(self, maxsize):
    from collections import deque
    self.queue = deque()


def _deque_qsize(self):
    return len(self.queue)


def _deque_put(self, item):
    self.queue.append(item)


def _deque_get(self):
    return self.queue.popleft()


def _hooked_init(self, maxsize):
    self.maxsize = maxsize
    _hook(self, "_init", _deque_init)(maxsize)
    self.mutex = _threading.Lock()
    self.not_empty = _threading.Condition(self.mutex)
    self.not_full = _threading.Condition(self.mutex)
    self.all_tasks_done = _threading.Condition(self.mutex)
    self.unfinished_tasks = 0


def _hooked_qsize(self):
    with self.mutex:
        return _hook(self, "_qsize", _deque_qsize)()


def _hooked_empty(self):
    with self.mutex:
        return not _hook(self, "_qsize", _deque_qsize)()


def _hooked_full(self):
    with self.mutex:
        return 0 < self.maxsize <= _hook(self, "_qsize", _deque_qsize)()


def _hooked_put(self, item, block, timeout):
    with self.mutex:
        if self.maxsize > 0:
            qsize = _hook(self, "_qsize", _deque_qsize)
            _wait(self.not_full, lambda: qsize() < self.maxsize, block, timeout, Full)
        _hook(self, "_put", _deque_put)(item)
        self.unfinished_tasks += 1
        self.not_empty.notify()


def _hooked_get(self, block, timeout):
    with self.mutex:
        qsize = _hook(self, "_qsize", _deque_qsize)
        _wait(self.not_empty, qsize, block, timeout, Empty)
        item = _hook(self, "_get", _deque_get)()
        self.not_full.notify()
        return item


def _hooked_task_done(self):
    with self.mutex:
        if self.unfinished_tasks <= 0:
            raise ValueError("task_done() called too many times")
        self.unfinished_tasks -= 1
        if self.unfinished_tasks == 0:
            self.all_tasks_done.notify_all()


def _hooked_join(self):
    with self.mutex:
        while self.unfinished_tasks:
            self.all_tasks_done.wait()


class LifoQueue(Queue):
    # Last in, first out.

    def _init(self, maxsize):
        self.queue = []

    def _qsize(self):
        return len(self.queue)

    def _put(self, item):
        self.queue.append(item)

    def _get(self):
        return self.queue.pop()


class PriorityQueue(Queue):
    # Smallest first (a heap), as `heapq` orders items: usually
    # (priority, data) tuples.

    def _init(self, maxsize):
        self.queue = []

    def _qsize(self):
        return len(self.queue)

    def _put(self, item):
        _heapq.heappush(self.queue, item)

    def _get(self):
        return _heapq.heappop(self.queue)


class SimpleQueue:
    # An unbounded FIFO queue without task tracking (CPython's
    # `_queue.SimpleQueue`, which concurrent.futures' workers wait on), over
    # the native Queue: `put` never blocks, `get` detaches while it waits.

    def __init__(self):
        self._queue = Queue()

    def put(self, item, block=True, timeout=None):
        self._queue.put_nowait(item)

    def put_nowait(self, item):
        self._queue.put_nowait(item)

    def get(self, block=True, timeout=None):
        return self._queue.get(block, timeout)

    def get_nowait(self):
        return self._queue.get_nowait()

    def empty(self):
        return self._queue.empty()

    def qsize(self):
        return self._queue.qsize()

    def __class_getitem__(cls, item):
        from types import GenericAlias
        return GenericAlias(cls, item)


SimpleQueue.__module__ = "_queue"
