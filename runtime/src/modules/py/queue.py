# The queues that take their items in an order other than FIFO. `Queue`
# itself is native (a crossbeam channel); these keep their items in a list
# guarded by one lock, with condition variables for the waits, so blocking
# calls detach from the runtime inside Lock.acquire as Queue's do.
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


class _ListQueue:
    # The Queue API over a list; subclasses say which item `_take` removes.

    def __init__(self, maxsize=0):
        self.maxsize = maxsize
        self._items = []
        self.mutex = _threading.Lock()
        self.not_empty = _threading.Condition(self.mutex)
        self.not_full = _threading.Condition(self.mutex)
        self.all_tasks_done = _threading.Condition(self.mutex)
        self.unfinished_tasks = 0

    def _has_room(self):
        return len(self._items) < self.maxsize

    def _has_items(self):
        return len(self._items) > 0

    def qsize(self):
        with self.mutex:
            return len(self._items)

    def empty(self):
        with self.mutex:
            return not self._items

    def full(self):
        with self.mutex:
            return 0 < self.maxsize <= len(self._items)

    def put(self, item, block=True, timeout=None):
        with self.mutex:
            if self.maxsize > 0:
                _wait(self.not_full, self._has_room, block, timeout, Full)
            self._add(item)
            self.unfinished_tasks += 1
            self.not_empty.notify()

    def get(self, block=True, timeout=None):
        with self.mutex:
            _wait(self.not_empty, self._has_items, block, timeout, Empty)
            item = self._take()
            self.not_full.notify()
            return item

    def put_nowait(self, item):
        return self.put(item, False)

    def get_nowait(self):
        return self.get(False)

    def task_done(self):
        with self.mutex:
            if self.unfinished_tasks <= 0:
                raise ValueError("task_done() called too many times")
            self.unfinished_tasks -= 1
            if self.unfinished_tasks == 0:
                self.all_tasks_done.notify_all()

    def join(self):
        with self.mutex:
            while self.unfinished_tasks:
                self.all_tasks_done.wait()


class LifoQueue(_ListQueue):
    # Last in, first out.

    def _add(self, item):
        self._items.append(item)

    def _take(self):
        return self._items.pop()


class PriorityQueue(_ListQueue):
    # Smallest first (a heap), as `heapq` orders items: usually
    # (priority, data) tuples.

    def _add(self, item):
        _heapq.heappush(self._items, item)

    def _take(self):
        return _heapq.heappop(self._items)


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
