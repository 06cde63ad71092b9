# Threads append to a shared list under a lock; main sorts and prints it.
import threading

lock = threading.Lock()
items = []

def producer(base, count):
    for i in range(count):
        lock.acquire()
        items.append(base * 100 + i)
        lock.release()

threads = []
for b in range(5):
    t = threading.Thread(target=producer, args=(b, 20))
    threads.append(t)
    t.start()
for t in threads:
    t.join()
print(len(items))
items.sort()
print(items[:5], items[-5:])
print(items[20:25])
print(sum(items))
