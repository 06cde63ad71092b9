# active_count/enumerate while threads block on an Event, and after joins.
import threading

print(threading.active_count(), len(threading.enumerate()))
hold = threading.Event()
started = threading.Semaphore(0)

def blocker():
    started.release()
    hold.wait(5)

threads = [threading.Thread(target=blocker, name='blk%d' % i) for i in range(5)]
for t in threads:
    t.start()
for _ in threads:
    started.acquire()
print(threading.active_count(), sorted(t.name for t in threading.enumerate() if t.name.startswith('blk')))
print(all(t.is_alive() for t in threads))
hold.set()
for t in threads:
    t.join()
print(threading.active_count(), [t.is_alive() for t in threads])
print([t.name for t in threading.enumerate()])
