# Garbage cycles created concurrently by several threads are all finalized
# exactly once; __del__ may run on any thread. Each cycle is one Node (with
# __del__) and one Partner (without).
import gc
import threading

lock = threading.Lock()
counter = [0]
per_worker = {}


class Node:
    def __init__(self, owner, n):
        self.owner = owner
        self.n = n
        self.peer = None

    def __del__(self):
        with lock:
            counter[0] += 1


class Partner:
    def __init__(self, n):
        self.n = n
        self.peer = None


def worker(name, count):
    made = 0
    for i in range(count):
        a = Node(name, i)
        b = Partner(-i)
        a.peer = b
        b.peer = a
        made += 1
    a = b = None
    with lock:
        per_worker[name] = made


gc.collect()
threads = []
for k in range(4):
    t = threading.Thread(target=worker, args=("w%d" % k, 2000))
    threads.append(t)
for t in threads:
    t.start()
for t in threads:
    t.join()
print("workers done:", sorted(per_worker.items()))
print("threads alive:", [t.is_alive() for t in threads])
gc.collect()
print("finalized:", counter[0])
print("expected:", sum(per_worker.values()))
gc.collect()
print("after another collect:", counter[0])


# A second round with automatic collection switched off: nothing is
# finalized until the explicit collect.
gc.disable()
counter[0] = 0
threads = [threading.Thread(target=worker, args=("v%d" % k, 500)) for k in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("finalized while disabled:", counter[0])
gc.collect()
print("after collect:", counter[0])
gc.enable()
print("enabled:", gc.isenabled())
