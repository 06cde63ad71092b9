# A RecursionError raised inside `with rlock:` still releases the lock on
# the way out, in every thread: the lock is free afterwards and no thread
# waits for ever (CPython's RLock is C code that the recursion limit never
# stops; ours releases at the depth it acquired).
import threading

rlock = threading.RLock()


def down(n):
    with rlock:
        down(n + 1)


def worker(results):
    try:
        down(0)
    except RecursionError:
        results.append("recursion")


results = []
threads = [threading.Thread(target=worker, args=(results,)) for _ in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(results)
print(rlock.acquire(blocking=False))
rlock.release()
