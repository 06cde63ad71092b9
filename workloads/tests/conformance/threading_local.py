# threading.local: each thread sees its own attributes; a subclass's
# __init__ runs again, with the constructor's arguments, in each thread.
import threading

data = threading.local()
data.x = "main"
print(type(data).__name__, threading.local is __import__("_thread")._local)
out = []


def reader(n):
    out.append((n, hasattr(data, "x"), getattr(data, "x", None)))
    data.x = n
    data.__dict__["y"] = n * 10
    out.append((n, data.x, data.y, sorted(data.__dict__)))


threads = [threading.Thread(target=reader, args=(i,)) for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(out, key=repr))
print(data.x, data.__dict__)
try:
    data.y
except AttributeError as e:
    print(type(e).__name__, e)
del data.x
try:
    del data.x
except AttributeError as e:
    print(type(e).__name__, e)
try:
    data.__dict__ = {}
except AttributeError as e:
    print(type(e).__name__, e)
try:
    threading.local(1)
except TypeError as e:
    print(type(e).__name__, e)

inits = []


class Counter(threading.local):
    initial = "class attr"

    def __init__(self, start, step=1):
        inits.append((start, step))
        self.value = start
        self.step = step

    def bump(self):
        self.value += self.step
        return self.value

    @property
    def doubled(self):
        return self.value * 2


c = Counter(5, step=2)
print(c.bump(), c.doubled, c.initial, inits)


def use_counter():
    c.bump()
    c.bump()
    out2.append((c.value, c.doubled, c.initial))


out2 = []
t = threading.Thread(target=use_counter)
t.start()
t.join()
print(out2, c.value, inits)
try:
    c.doubled = 3
except AttributeError as e:
    print(type(e).__name__)
c.initial = "instance"
print(c.initial, Counter.initial)
