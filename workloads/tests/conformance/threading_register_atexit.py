# threading._register_atexit: called at exit, last registered first, before
# the non-daemon threads are joined (a worker waiting for a stop signal,
# as concurrent.futures' are, is released by one).
import queue
import threading

q = queue.Queue()


def worker():
    got = []
    while True:
        item = q.get()
        if item is None:
            print("worker stopping, got", got)
            return
        got.append(item)


t = threading.Thread(target=worker)
t.start()
q.put(1)


def stop(tag, *, sentinel):
    print("atexit", tag)
    q.put(sentinel)


threading._register_atexit(stop, "first", sentinel=None)
threading._register_atexit(print, "second registered, runs first")
print("main done")
