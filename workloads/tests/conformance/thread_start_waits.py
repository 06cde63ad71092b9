# Thread.start() returns once the new thread runs (CPython waits for
# Thread._started): its ident is known, and a thread started just before
# an Event.set()/clear() pair is already waiting on it under the GIL.
import threading

gate = threading.Event()
seen = []

def worker(i):
    gate.wait()
    seen.append(i)

threads = []
for i in range(5):
    t = threading.Thread(target=worker, args=(i,))
    t.start()
    print(i, t.ident is not None, t.is_alive(), t.ident == threading.get_ident())
    threads.append(t)
idents = {t.ident for t in threads}
print(len(idents), threading.get_ident() in idents)
gate.set()
for t in threads:
    t.join()
print(sorted(seen), [t.is_alive() for t in threads])
