# Condition variable: one producer, one consumer, bounded buffer with notify.
import threading

buffer = []
CAPACITY = 3
cond = threading.Condition()
consumed = []
DONE = object()

def producer():
    for i in range(20):
        with cond:
            while len(buffer) >= CAPACITY:
                cond.wait()
            buffer.append(i * i)
            cond.notify()
    with cond:
        while len(buffer) >= CAPACITY:
            cond.wait()
        buffer.append(DONE)
        cond.notify()

def consumer():
    while True:
        with cond:
            while not buffer:
                cond.wait()
            item = buffer.pop(0)
            cond.notify()
        if item is DONE:
            return
        consumed.append(item)

tc = threading.Thread(target=consumer)
tp = threading.Thread(target=producer)
tc.start()
tp.start()
tp.join()
tc.join()
print(consumed)
print(len(consumed), sum(consumed), buffer)

c = threading.Condition(threading.Lock())
with c:
    print('wait with timeout returns', c.wait(0.01))
    print('wait_for with true predicate', c.wait_for(lambda: True))
    print('wait_for timeout', c.wait_for(lambda: False, timeout=0.01))
try:
    c.notify()
except RuntimeError as e:
    print('RuntimeError:', e)
