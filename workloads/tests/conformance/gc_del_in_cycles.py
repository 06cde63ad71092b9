# __del__ on members of garbage cycles runs exactly once, during a
# collection, and the cycle is then freed (PEP 442: nothing goes to
# gc.garbage).
import gc
import weakref

gc.collect()
names = []
calls = {}

class Member:
    def __init__(self, name):
        self.name = name
        self.peer = None

    def __del__(self):
        names.append(self.name)
        calls[self.name] = calls.get(self.name, 0) + 1

# A single self-cycle with __del__.
m = Member("solo")
m.peer = m
del m
print("before collect:", names)
gc.collect()
print("after collect:", names)
gc.collect()
print("after second collect:", names, calls)

# A two-member cycle.
names.clear()
a = Member("a")
b = Member("b")
a.peer = b
b.peer = a
del a, b
print("before collect:", names)
gc.collect()
print("after collect:", sorted(names))

# A ring of five members; __del__ still sees its peer intact.
seen = []

class Inspector(Member):
    def __del__(self):
        seen.append((self.name, self.peer.name))
        Member.__del__(self)

names.clear()
ring = [Inspector("i%d" % i) for i in range(5)]
for i in range(5):
    ring[i].peer = ring[(i + 1) % 5]
wr = weakref.ref(ring[0])
ring = None
print("alive before collect:", wr() is not None, names)
gc.collect()
print("alive after collect:", wr() is not None)
print("finalized:", sorted(names))
print("peers seen in __del__:", sorted(seen))

# Cycle members without __del__ mixed with ones that have it.
class Plain:
    pass

names.clear()
p = Plain()
f = Member("with_del")
p.f = f
f.peer = p
lst = [p, f]
p.lst = lst
del p, f, lst
gc.collect()
print("mixed cycle:", names)

print("each finalizer ran once:", sorted(calls.items()))
print("gc.garbage:", gc.garbage)
gc.collect()
print("after final collect:", sorted(calls.items()))
