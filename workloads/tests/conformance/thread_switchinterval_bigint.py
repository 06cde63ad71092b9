# A tiny switch interval with threads doing big-integer work under a lock.
import sys
import threading

sys.setswitchinterval(0.0001)
print(sys.getswitchinterval())
lock = threading.Lock()
product = [1]

def multiply(lo, hi):
    local = 1
    for k in range(lo, hi):
        local *= k
    with lock:
        product[0] *= local

threads = []
for i in range(4):
    threads.append(threading.Thread(target=multiply, args=(1 + i * 10, 1 + (i + 1) * 10)))
for t in threads:
    t.start()
for t in threads:
    t.join()
print(product[0])
f = 1
for k in range(1, 41):
    f *= k
print(product[0] == f)
