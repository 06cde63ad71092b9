# Each thread writes its own slot of a shared results list.
import threading

N = 8
results = [None] * N

def partial_sum(idx, lo, hi):
    s = 0
    for v in range(lo, hi):
        s += v * v
    results[idx] = s

threads = []
chunk = 2500
for i in range(N):
    threads.append(threading.Thread(target=partial_sum, args=(i, i * chunk, (i + 1) * chunk)))
for t in threads:
    t.start()
for t in threads:
    t.join()
print(results)
print(sum(results))
check = 0
for v in range(N * chunk):
    check += v * v
print(check == sum(results))
