# Cycles through bound methods stored on the instance (self.cb = self.method)
# and through lists of callbacks. Observed via weakrefs and __del__.
import gc
import weakref

gc.collect()
deleted = []

class Button:
    def __init__(self, name):
        self.name = name
        self.clicks = 0
        self.on_click = self.handle

    def handle(self):
        self.clicks += 1
        return "%s clicked %d" % (self.name, self.clicks)

    def __del__(self):
        deleted.append(self.name)

b = Button("ok")
print(b.on_click(), "/", b.on_click())
print("self is b:", b.on_click.__self__ is b, b.on_click == b.handle)
wb = weakref.ref(b)
del b
print("after del:", wb() is not None, deleted)
gc.collect()
print("after collect:", wb() is not None, deleted)

class Emitter:
    def __init__(self, name):
        self.name = name
        self.listeners = []

    def subscribe(self, fn):
        self.listeners.append(fn)

    def emit(self, value):
        return [fn(value) for fn in self.listeners]

    def double(self, v):
        return v * 2

    def shout(self, v):
        return "%s!%s" % (self.name, v)

    def __del__(self):
        deleted.append(self.name)

deleted.clear()
emitters = []
for i in range(4):
    e = Emitter("e%d" % i)
    e.subscribe(e.double)
    e.subscribe(e.shout)
    emitters.append(e)
del e
print("emit:", [em.emit(i) for i, em in enumerate(emitters)])
kept = emitters[2]
emitters = None
print("before collect:", deleted)
gc.collect()
print("after collect:", sorted(deleted))
print("kept still works:", kept.emit(7))
kept.listeners.clear()
del kept
print("after dropping kept (no cycle left):", sorted(deleted))

# Two instances whose methods are stored on each other.
deleted.clear()
x = Button("x")
y = Button("y")
x.partner = y.handle
y.partner = x.handle
print(x.partner(), y.partner(), x.partner())
del x, y
print("before collect:", deleted)
gc.collect()
print("after collect:", sorted(deleted))
