# Threads that sleep; results only printed after join.
import threading
import time

done = [0] * 6

def napper(i):
    time.sleep(0.01)
    done[i] = i * 10
    time.sleep(0.01)

start = time.monotonic()
threads = []
for i in range(6):
    threads.append(threading.Thread(target=napper, args=(i,)))
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.monotonic() - start
print(done)
print(elapsed >= 0)
