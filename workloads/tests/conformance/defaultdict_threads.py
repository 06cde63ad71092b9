# Four threads add to the lists of one shared defaultdict(list), the keys
# overlapping: no item is lost, whichever thread makes a key's list.
import threading
from _collections import defaultdict

N = 3000
THREADS = 4
shared = defaultdict(list)
start = threading.Event()


def worker(k):
    start.wait()
    for i in range(N):
        shared[i % 37].append(k * N + i)


threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
start.set()
for t in threads:
    t.join()
everything = sorted(x for items in shared.values() for x in items)
print(len(shared), len(everything), everything == list(range(N * THREADS)))
