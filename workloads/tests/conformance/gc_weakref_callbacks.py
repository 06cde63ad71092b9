# Weakref callbacks on members of garbage cycles run during gc.collect(),
# the refs are dead by then; a weakref that is itself part of the garbage
# does not get its callback called.
import gc
import weakref

gc.collect()
events = []

class Obj:
    def __init__(self, name):
        self.name = name

def make_cb(label):
    def cb(ref):
        events.append((label, ref() is None))
    return cb

# One self-cycle watched by an external weakref.
a = Obj("a")
a.me = a
ra = weakref.ref(a, make_cb("A"))
del a
print("ref alive before collect:", ra() is not None, events)
gc.collect()
print("ref after collect:", ra(), events)

# A reachable cycle: no callback.
events.clear()
keep = Obj("keep")
keep.me = keep
rk = weakref.ref(keep, make_cb("K"))
gc.collect()
print("reachable cycle survives:", rk() is keep, events)

# Two members, two external refs each.
events.clear()
x = Obj("x")
y = Obj("y")
x.other = y
y.other = x
refs = [weakref.ref(x, make_cb("x1")), weakref.ref(x, make_cb("x2")),
        weakref.ref(y, make_cb("y1")), weakref.ref(y, make_cb("y2"))]
del x, y
print("all alive:", [r() is not None for r in refs], events)
gc.collect()
print("all dead:", [r() is None for r in refs])
print("callbacks:", sorted(events))

# The callback receives the weakref object itself.
got = []
c = Obj("c")
c.me = c
rc = weakref.ref(c, got.append)
del c
gc.collect()
print("callback got the ref:", len(got), got[0] is rc)

# A weakref that lives inside the garbage cycle: cleared, callback skipped.
events.clear()
d = Obj("d")
d.me = d
d.selfref = weakref.ref(d, make_cb("inner"))
rd = weakref.ref(d, make_cb("outer"))
del d
gc.collect()
print("outer dead:", rd() is None, "events:", sorted(events))

# A callback-less weakref into a collected cycle just goes dead.
e = Obj("e")
e.lst = [e]
re = weakref.ref(e)
del e
print("before:", re().name)
gc.collect()
print("after:", re())
keep.me = None
del keep
print("keep dropped by refcount:", rk() is None, sorted(events))
