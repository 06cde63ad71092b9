# get_ident is stable within a thread and distinct across live threads (only compared).
import threading

main_id = threading.get_ident()
records = {}
barrier_lock = threading.Lock()
release = threading.Event()

def record(k):
    first = threading.get_ident()
    second = threading.get_ident()
    with barrier_lock:
        records[k] = (first, second, threading.current_thread().ident)
    release.wait(5)

threads = [threading.Thread(target=record, args=(k,)) for k in range(4)]
for t in threads:
    t.start()
while True:
    with barrier_lock:
        if len(records) == 4:
            break
release.set()
for t in threads:
    t.join()
print(main_id == threading.get_ident(), main_id == threading.main_thread().ident)
print([r[0] == r[1] == r[2] for k, r in sorted(records.items())])
ids = [records[k][0] for k in range(4)]
print(len(set(ids)), main_id in ids)
print([records[k][0] == threads[k].ident for k in range(4)])
print(isinstance(main_id, int), threading.get_ident() == threading.current_thread().ident)
