# Cycles through generator frames: the suspended frame holds the generator
# itself, or an object that points back at the generator. Collection closes
# the generator (its finally block runs) and clears weakrefs to it.
import gc
import weakref

gc.collect()
log = []


def self_aware():
    me = yield "started"
    try:
        while True:
            yield "I am %s" % (me is not None)
    finally:
        log.append("self_aware closed")


g = self_aware()
print(next(g))
print(g.send(g))
print(next(g))
wg = weakref.ref(g)
del g
print("alive after del:", wg() is not None, "log:", log)
gc.collect()
print("alive after collect:", wg() is not None, "log:", log)


class Holder:
    def __init__(self, n):
        self.n = n
        self.gen = None


def worker(h, name):
    try:
        while True:
            h.n += 1
            yield h.n
    finally:
        log.append(name + " closed")


log.clear()
holders = []
refs = []
for i in range(3):
    h = Holder(i * 10)
    h.gen = worker(h, "w%d" % i)
    print("w%d yields" % i, next(h.gen), next(h.gen))
    refs.append(weakref.ref(h.gen))
    holders.append(h)
del h
print("generators alive:", [r() is not None for r in refs])
holders.pop()
print("after dropping one holder:", [r() is not None for r in refs], log)
gc.collect()
print("after collect:", [r() is not None for r in refs], sorted(log))
holders.clear()
gc.collect()
print("after second collect:", [r() is not None for r in refs], sorted(log))


# A generator that was never started, in a cycle with a dict.
def lazy(box):
    log.append("lazy body ran")
    yield box


log.clear()
box = {}
box["gen"] = lazy(box)
wl = weakref.ref(box["gen"])
del box
gc.collect()
print("never-started generator gone:", wl() is None, "log:", log)
print("collect again:", gc.collect())
