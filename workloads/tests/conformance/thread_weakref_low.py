# _thread and _weakref, the low-level modules the standard library imports.
import _thread
import _weakref
import threading

done = threading.Event()
out = []


def work(a, b):
    out.append(a + b)
    done.set()


ident = _thread.start_new_thread(work, (2, 3))
done.wait()
print(out, type(ident).__name__, _thread.get_ident() == threading.get_ident())
lock = _thread.allocate_lock()
print(lock.acquire(), lock.locked(), isinstance(lock, _thread.LockType))
lock.release()
print(_thread.TIMEOUT_MAX, _thread.error is RuntimeError)
try:
    _thread.start_new_thread(work, [1, 2])
except TypeError as e:
    print(type(e).__name__, e)


class Node:
    def __init__(self, v):
        self.v = v


n = Node(7)
p = _weakref.proxy(n)
print(p.v, type(p).__name__)
p.v = 8
print(n.v)
del n
import gc
gc.collect()
try:
    p.v
except ReferenceError as e:
    print(type(e).__name__, e)
f = _weakref.proxy(len)
print(f([1, 2]), type(f).__name__)
print(staticmethod(len).__func__ is len, classmethod(len).__func__ is len)
print(isinstance(staticmethod(len), staticmethod), type(property()).__name__)
