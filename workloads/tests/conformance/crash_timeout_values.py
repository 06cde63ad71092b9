# Timeouts and sleep lengths that are huge, infinite or NaN raise what
# CPython raises (no Duration overflow), and are only read where a call
# would wait.
import queue
import threading
import time

def attempt(label, f):
    try:
        print(label, 'ok', f())
    except (ValueError, OverflowError, TypeError) as e:
        print(label, type(e).__name__, e)
    except (queue.Empty, queue.Full) as e:
        print(label, type(e).__name__)

inf = float('inf')
nan = float('nan')
for v in [1e300, inf, 9.3e9, 2**64, 10**400, -1e300, -inf, nan, 10**10]:
    print('--', v if v != 10**400 else '10**400')
    q = queue.Queue()
    if v == v:
        attempt('get empty', lambda: q.get(timeout=v))
    q.put(1)
    attempt('get ready', lambda: q.get(timeout=v))
    attempt('get no block', lambda: q.get(False, v))
    full = queue.Queue(1)
    full.put(0)
    if v == v:
        attempt('put full', lambda: full.put(1, timeout=v))
    attempt('put room', lambda: queue.Queue(1).put(1, timeout=v))
    attempt('put unbounded', lambda: queue.Queue().put(1, timeout=v))
    attempt('lock', lambda: threading.Lock().acquire(timeout=v))
    held = threading.Lock()
    held.acquire()
    attempt('held lock', lambda: held.acquire(timeout=v))
    attempt('rlock', lambda: threading.RLock().acquire(timeout=v))
    ev = threading.Event()
    attempt('event', lambda: ev.wait(v))
    ev.set()
    attempt('event set', lambda: ev.wait(v))
    cond = threading.Condition()
    with cond:
        attempt('condition', lambda: cond.wait(v))
    t = threading.Thread(target=lambda: None)
    t.start()
    attempt('join', lambda: t.join(v))
    attempt('sleep', lambda: time.sleep(v))

attempt('lock -5', lambda: threading.Lock().acquire(timeout=-5))
attempt('lock -1', lambda: threading.Lock().acquire(timeout=-1))
attempt('lock nonblocking', lambda: threading.Lock().acquire(False, 1))
attempt('lock nonblocking -5', lambda: threading.Lock().acquire(False, -5))
attempt('lock str', lambda: threading.Lock().acquire(timeout='1'))
attempt('sleep -1', lambda: time.sleep(-1))
attempt('sleep str', lambda: time.sleep('1'))
attempt('sleep 0', lambda: time.sleep(0))
attempt('get -1', lambda: queue.Queue().get(timeout=-1))
attempt('get 0', lambda: queue.Queue().get(timeout=0))
attempt('get 0.01', lambda: queue.Queue().get(timeout=0.01))
