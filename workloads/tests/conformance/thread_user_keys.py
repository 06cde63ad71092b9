# Threads share a dict and a set keyed by user objects whose __eq__ and
# __hash__ run Python code that reads the same containers.
import threading

shared = {}
members = set()
log = {'eq': 0}

class K:
    def __init__(self, n):
        self.n = n
    def __hash__(self):
        return self.n % 17
    def __eq__(self, other):
        # Touching the containers from __eq__ must not deadlock.
        len(shared)
        len(members)
        log['eq'] += 1
        return isinstance(other, K) and self.n == other.n

def work(tid):
    for i in range(150):
        k = K(i)
        shared[k] = tid
        members.add(K(i))
        if K(i) not in members:
            print('lost', i)
        shared.setdefault(K(i + 1000), tid)

threads = [threading.Thread(target=work, args=(t,)) for t in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(shared), len(members))
print(sorted(k.n for k in members) == list(range(150)))
print(sorted(k.n for k in shared) == list(range(150)) + list(range(1000, 1150)))
print(all(shared[K(i)] in range(4) for i in range(150)), log['eq'] > 0)
