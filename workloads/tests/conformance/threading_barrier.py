# threading.Barrier: rounds, the action, n_waiting, abort, reset, timeouts.
import threading
import time

print(threading.BrokenBarrierError.__mro__[1].__name__)

N = 4
actions = []
b = threading.Barrier(N, action=lambda: actions.append("go"))
print(b.parties, b.n_waiting, b.broken)
order = []
lock = threading.Lock()


def worker(i):
    for r in range(3):
        idx = b.wait()
        with lock:
            order.append((r, idx))


threads = [threading.Thread(target=worker, args=(i,)) for i in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(actions, sorted(order), b.n_waiting, b.broken)

# A timeout breaks the barrier for everyone waiting on it.
b2 = threading.Barrier(3)
results = []


def waiter():
    try:
        b2.wait()
        results.append("passed")
    except threading.BrokenBarrierError:
        results.append("broken")


t = threading.Thread(target=waiter)
t.start()
while b2.n_waiting < 1:
    time.sleep(0.001)
print("waiting", b2.n_waiting)
try:
    b2.wait(timeout=0.05)
except threading.BrokenBarrierError as e:
    print("timeout", type(e).__name__, repr(e))
t.join()
print(results, b2.broken, b2.n_waiting)
try:
    b2.wait()
except threading.BrokenBarrierError:
    print("still broken")
b2.reset()
print("after reset", b2.broken)

# abort() wakes the waiters with BrokenBarrierError.
b3 = threading.Barrier(2)
results.clear()
t = threading.Thread(target=lambda: waiter_on(b3))


def waiter_on(bar):
    try:
        bar.wait()
        results.append("passed")
    except threading.BrokenBarrierError:
        results.append("broken")


t.start()
while b3.n_waiting < 1:
    time.sleep(0.001)
b3.abort()
t.join()
print(results, b3.broken)

# reset() with a waiter: that waiter gets BrokenBarrierError, the barrier
# is usable again.
b4 = threading.Barrier(2)
results.clear()
t = threading.Thread(target=waiter_on, args=(b4,))
t.start()
while b4.n_waiting < 1:
    time.sleep(0.001)
b4.reset()
t.join()
print(results, b4.broken)
t = threading.Thread(target=waiter_on, args=(b4,))
t.start()
print(b4.wait() in (0, 1))
t.join()
print(results)

# An action that raises breaks the barrier.
def bad_action():
    raise KeyError("boom")


b5 = threading.Barrier(1, action=bad_action)
try:
    b5.wait()
except KeyError as e:
    print(type(e).__name__, e, b5.broken)
b6 = threading.Barrier(1, timeout=0.01)
print(b6.wait(), b6.wait())
