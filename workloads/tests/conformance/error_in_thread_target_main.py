# Threads finish normally, then the main thread fails with a KeyError.
import threading
out = [0, 0]

def work(i):
    out[i] = i + 1

ts = [threading.Thread(target=work, args=(0,)), threading.Thread(target=work, args=(1,))]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(out)
d = {'a': 1}
print(d[out[0]])
