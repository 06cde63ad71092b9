# current_thread().name seen from the main thread only; threads run to completion.
import threading
from threading import current_thread

print(threading.current_thread().name)
print(current_thread().name == 'MainThread')
flags = [False, False]

def mark(i):
    flags[i] = True

ts = [threading.Thread(target=mark, args=(0,)), threading.Thread(target=mark, args=(1,))]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(flags)
print(threading.current_thread().name)
