# 6 threads share a list, dict, set and an instance under one lock; exact results after join.
import threading

class Stats:
    def __init__(self):
        self.count = 0
        self.total = 0
        self.maximum = None
    def record(self, v):
        self.count += 1
        self.total += v
        if self.maximum is None or v > self.maximum:
            self.maximum = v

lock = threading.Lock()
shared_list = []
shared_dict = {}
shared_set = set()
stats = Stats()

def worker(wid):
    for i in range(200):
        v = wid * 1000 + i
        with lock:
            shared_list.append(v)
            shared_dict[v] = wid
            shared_set.add(v % 97)
            stats.record(v)

threads = [threading.Thread(target=worker, args=(w,)) for w in range(6)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(shared_list), sorted(shared_list)[:3], sorted(shared_list)[-3:])
print(sorted(shared_list) == sorted(w * 1000 + i for w in range(6) for i in range(200)))
print(len(shared_dict), [list(shared_dict.values()).count(w) for w in range(6)])
print(len(shared_set), sorted(shared_set)[:5])
print(stats.count, stats.total, stats.maximum)
per_worker = [[v for v in shared_list if v // 1000 == w] for w in range(6)]
print(all(p == sorted(p) for p in per_worker))
