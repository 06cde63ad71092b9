# Threads importing the same modules at once: each module body runs once,
# and no thread sees a module before its body has finished.
import sys
import threading

seen = []
lock = threading.Lock()
start = threading.Event()


def worker(i):
    start.wait()
    if i % 3 == 0:
        import importpkg.slowdep as m
        ok = m.ready
    else:
        from importpkg import slow
        ok = slow.done
    with lock:
        seen.append(ok)


threads = [threading.Thread(target=worker, args=(i,)) for i in range(12)]
for t in threads:
    t.start()
start.set()
for t in threads:
    t.join()
print(len(seen), all(seen), sys.slow_loads)
