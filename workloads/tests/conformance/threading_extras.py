# The rest of threading's API: Timer, BoundedSemaphore, idents, main_thread,
# enumerate, active_count, TIMEOUT_MAX, ThreadError.
import _thread
import threading
import time

fired = []
t = threading.Timer(0.01, fired.append, args=["late"])
t.start()
t.join()
print(fired, isinstance(t, threading.Thread), t.is_alive())
t = threading.Timer(10, fired.append, args=["never"])
t.start()
t.cancel()
t.join()
print(fired, t.finished.is_set())
t = threading.Timer(0, lambda **kw: fired.append(sorted(kw)), kwargs={"a": 1, "b": 2})
t.start()
t.join()
print(fired)

s = threading.BoundedSemaphore(2)
print(s.acquire(), s.acquire(), s.acquire(False))
s.release()
s.release()
try:
    s.release()
except ValueError as e:
    print(type(e).__name__, e)
with s:
    print("inside", s.acquire(blocking=False), s.acquire(timeout=0.01))
try:
    threading.Semaphore(1).release(0)
except ValueError as e:
    print(type(e).__name__, e)
try:
    threading.Semaphore(1).acquire(False, 1)
except ValueError as e:
    print(type(e).__name__, e)
sem = threading.Semaphore(0)
print(sem.acquire(timeout=0.01), sem.acquire(True, 0), sem.acquire(timeout=-1))
try:
    threading.Semaphore(-1)
except ValueError as e:
    print(type(e).__name__, e)

main = threading.main_thread()
print(main is threading.current_thread(), main.name, threading.current_thread().name)
print(type(threading.get_ident()).__name__, type(threading.get_native_id()).__name__)
print(threading.get_ident() == main.ident, threading.get_native_id() == main.native_id)
print(threading.TIMEOUT_MAX == _thread.TIMEOUT_MAX, threading.TIMEOUT_MAX > 1e9)
print(threading.ThreadError is _thread.error is RuntimeError)

go = threading.Event()
started = threading.Event()
info = []


def worker():
    me = threading.current_thread()
    info.append((me.name, me.ident == threading.get_ident(),
                  me.native_id == threading.get_native_id(),
                  me is not threading.main_thread()))
    started.set()
    go.wait()


w = threading.Thread(target=worker, name="worker-1")
w.start()
started.wait()
print(threading.active_count(), sorted(t.name for t in threading.enumerate()))
print(w in threading.enumerate(), w.ident != main.ident)
go.set()
w.join()
print(info, threading.active_count(), [t.name for t in threading.enumerate()])
