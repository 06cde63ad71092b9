import gc, weakref

class L(list):
    def __del__(self):
        print("L freed", len(self))

class D(dict):
    pass

l = L([1, 2])
l.append(l)
r = weakref.ref(l)
del l
print("collected", gc.collect() > 0, r() is None)

d = D()
d["self"] = d
d.me = d
w = weakref.ref(d)
del d
gc.collect()
print(w() is None)

class T(tuple):
    pass
t = T([1, [2]])
t[1].append(t)
wt = t[1]
del t
gc.collect()
print(len(wt))
print(gc.is_tracked(L()), gc.is_tracked(T()))
for b in (list, dict, set, frozenset, tuple, str, bytes):
    C = type('C', (b,), {})
    try:
        weakref.ref(C()); print(b.__name__, 'ok')
    except TypeError as e: print(b.__name__, e)
