# A deque shared by four threads: each appends its own numbers at both
# ends and pops from both ends; every number comes out exactly once
# (deque.append and popleft are atomic, as under CPython's GIL).
import threading
from _collections import deque

N = 2000
THREADS = 4
shared = deque()
taken = [[] for _ in range(THREADS)]
start = threading.Event()


def worker(k):
    start.wait()
    mine = taken[k]
    for i in range(N):
        x = k * N + i
        if i % 2:
            shared.append(x)
        else:
            shared.appendleft(x)
        if i % 3 == 0:
            try:
                mine.append(shared.popleft())
            except IndexError:
                pass
        elif i % 3 == 1:
            try:
                mine.append(shared.pop())
            except IndexError:
                pass


threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
start.set()
for t in threads:
    t.join()

popped = [x for mine in taken for x in mine]
left = list(shared)
everything = sorted(popped + left)
print(len(everything), everything == list(range(N * THREADS)))
print(len(set(popped)) == len(popped), len(popped) + len(left) == N * THREADS)

# A bounded deque under the same load keeps its bound.
bounded = deque(maxlen=50)


def fill(k):
    for i in range(N):
        bounded.append(i)
        if len(bounded) > 50:
            print('over the bound')


threads = [threading.Thread(target=fill, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(bounded), bounded.maxlen)

# One iterator shared by the threads: each item is given once.
items = deque(range(4000))
it = iter(items)
got = [[] for _ in range(THREADS)]


def drain(k):
    for x in it:
        got[k].append(x)


threads = [threading.Thread(target=drain, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(x for g in got for x in g) == list(range(4000)))
