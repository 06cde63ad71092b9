# RLock can be re-acquired by its owner; 4 threads recursively update shared state.
import threading

rlock = threading.RLock()
totals = {}
visits = []

def add_path(name, depth):
    with rlock:
        totals[name] = totals.get(name, 0) + depth
        if depth > 0:
            add_path(name, depth - 1)
        else:
            visits.append(name)

def worker(name):
    for _ in range(50):
        add_path(name, 5)

threads = [threading.Thread(target=worker, args=('w%d' % i,)) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(totals.items()))
print(len(visits), sorted(set(visits)), [visits.count('w%d' % i) for i in range(4)])

r = threading.RLock()
print(r.acquire(), r.acquire(), r.acquire(blocking=False))
r.release()
r.release()
r.release()
try:
    r.release()
except RuntimeError as e:
    print('RuntimeError:', e)

result = []
def try_other():
    result.append(r.acquire(blocking=False))
r.acquire()
t = threading.Thread(target=try_other)
t.start()
t.join()
r.release()
t = threading.Thread(target=try_other)
t.start()
t.join()
print(result)
