import threading

s = set()

def work(k):
    for i in range(k, 4000, 4):
        s.add(i)
        if i % 3 == 0:
            s.discard(i)

ts = [threading.Thread(target=work, args=(k,)) for k in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
items = list(s)
print(len(s), len(items), sorted(items) == sorted(i for i in range(4000) if i % 3))
popped = set()
def popper():
    for _ in range(500):
        popped.add(s.pop())
ps = [threading.Thread(target=popper) for _ in range(2)]
for t in ps:
    t.start()
for t in ps:
    t.join()
print(len(popped), len(s), popped.isdisjoint(s), len(popped | s))
