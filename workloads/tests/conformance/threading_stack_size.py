# threading.stack_size / _thread.stack_size: the setting and its checks.
import _thread
import threading

print(threading.stack_size())
print(threading.stack_size(65536), threading.stack_size())
print(_thread.stack_size(0), _thread.stack_size())
for bad in (100, -1, 32767):
    try:
        threading.stack_size(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    threading.stack_size("a")
except TypeError as e:
    print("TypeError:", e)
threading.stack_size(1 << 20)
done = []
t = threading.Thread(target=lambda: done.append(1))
t.start()
t.join()
print(done, threading.stack_size(0))
