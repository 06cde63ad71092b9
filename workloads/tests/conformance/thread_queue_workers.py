# 4 worker threads drain a Queue with task_done/join; results are printed sorted.
import queue
import threading

tasks = queue.Queue()
results = {}
results_lock = threading.Lock()
processed_by = []

def worker(wid):
    while True:
        item = tasks.get()
        try:
            if item is None:
                return
            value = sum(range(item * 100))
            with results_lock:
                results[item] = value
                processed_by.append(wid)
        finally:
            tasks.task_done()

workers = [threading.Thread(target=worker, args=(w,)) for w in range(4)]
for w in workers:
    w.start()
for n in range(20):
    tasks.put(n)
tasks.join()
print(len(results), sorted(results)[:5], results[19], sum(results.values()))
print(len(processed_by), set(processed_by) <= {0, 1, 2, 3}, len(set(processed_by)) >= 1)
for _ in workers:
    tasks.put(None)
for w in workers:
    w.join()
print(tasks.empty(), tasks.unfinished_tasks, [w.is_alive() for w in workers])
try:
    tasks.task_done()
except ValueError as e:
    print('ValueError:', e)
