# Threads upgrade weak references while other threads drop the referents:
# an upgrade sees the object alive or None, never a freed object.
import threading
import weakref

class Node:
    def __init__(self, n):
        self.n = n
        self.payload = [n] * 4

refs = []
refs_lock = threading.Lock()
stats = {'alive': 0, 'dead': 0, 'callbacks': 0}
stats_lock = threading.Lock()

def on_death(wr):
    with stats_lock:
        stats['callbacks'] += 1

def producer(base):
    keep = []
    for i in range(300):
        node = Node(base + i)
        wr = weakref.ref(node, on_death)
        with refs_lock:
            refs.append(wr)
        keep.append(node)
        if len(keep) > 5:
            keep.pop(0)
    keep.clear()

producers_done = threading.Event()

def consumer():
    seen_alive = 0
    seen_dead = 0
    last_pass = False
    while not last_pass:
        last_pass = producers_done.is_set()
        with refs_lock:
            snapshot = list(refs)
        for wr in snapshot:
            node = wr()
            if node is None:
                seen_dead += 1
            else:
                if node.payload != [node.n] * 4:
                    print('corrupt', node.n)
                seen_alive += 1
    with stats_lock:
        stats['alive'] += seen_alive
        stats['dead'] += seen_dead

producers = [threading.Thread(target=producer, args=(k * 1000,)) for k in range(2)]
consumers = [threading.Thread(target=consumer) for _ in range(2)]
for t in producers + consumers:
    t.start()
for t in producers:
    t.join()
producers_done.set()
for t in consumers:
    t.join()
print(len(refs), all(wr() is None for wr in refs))
print(stats['callbacks'], stats['dead'] >= 1200)
