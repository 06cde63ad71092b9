# Thread targets whose functions have default arguments.
import threading

results = {}
lock = threading.Lock()

def scaled_sum(name, n, scale=2, offset=0):
    s = 0
    for i in range(n):
        s += i * scale + offset
    with lock:
        results[name] = s

threads = [
    threading.Thread(target=scaled_sum, args=('a', 100)),
    threading.Thread(target=scaled_sum, args=('b', 100, 3)),
    threading.Thread(target=scaled_sum, args=('c', 100, 1, 5)),
]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(results['a'], results['b'], results['c'])
print(len(results))
