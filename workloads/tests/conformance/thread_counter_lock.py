# 4 threads x 10000 increments of a shared counter under `with lock:`.
import threading

counter = 0
lock = threading.Lock()

def work(n):
    global counter
    for i in range(n):
        with lock:
            counter += 1

threads = []
for i in range(4):
    t = threading.Thread(target=work, args=(10000,))
    threads.append(t)
for t in threads:
    t.start()
for t in threads:
    t.join()
print(counter)
