# threading.Event: set/clear/is_set/wait with and without timeout.
import threading

ready = threading.Event()
go = threading.Event()
log = []
lock = threading.Lock()

def worker(i):
    ready.wait()
    with lock:
        log.append(('started', i))
    got = go.wait(5)
    with lock:
        log.append(('go', i, got))

print(ready.is_set(), ready.wait(0.01), ready.wait(timeout=0))
threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
for t in threads:
    t.start()
print('workers waiting, log so far:', log)
ready.set()
print(ready.is_set(), ready.wait(), ready.wait(0.01))
go.set()
for t in threads:
    t.join()
print(sorted(log))
ready.clear()
print(ready.is_set(), ready.wait(0.01))

done = threading.Event()
order = []
def step_a():
    order.append('a')
    done.set()
def step_b():
    done.wait()
    order.append('b')
tb = threading.Thread(target=step_b)
tb.start()
ta = threading.Thread(target=step_a)
ta.start()
ta.join()
tb.join()
print(order)
