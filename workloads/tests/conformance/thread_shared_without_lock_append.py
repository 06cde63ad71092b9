# list.append, dict item stores and set.add from 4 threads without a lock never lose items.
import threading

items = []
table = {}
marks = set()

def fill(wid):
    for i in range(2500):
        items.append((wid, i))
        table[(wid, i)] = i
        marks.add(wid * 10000 + i)

threads = [threading.Thread(target=fill, args=(w,)) for w in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(items), len(table), len(marks))
print(sorted(items) == [(w, i) for w in range(4) for i in range(2500)])
print(sum(table.values()), min(marks), max(marks))
