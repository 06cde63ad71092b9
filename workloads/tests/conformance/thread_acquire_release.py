# Shared dict counter and list slot updates guarded by explicit acquire/release.
from threading import Thread, Lock

lock = Lock()
totals = {'hits': 0}
box = [0]

def worker(count, step):
    i = 0
    while i < count:
        lock.acquire()
        totals['hits'] += 1
        box[0] += step
        lock.release()
        i += 1

threads = []
for k in range(3):
    threads.append(Thread(target=worker, args=(2000, k + 1)))
for t in threads:
    t.start()
for t in threads:
    t.join()
print(totals, box)
ok = lock.acquire()
print(ok)
lock.release()
