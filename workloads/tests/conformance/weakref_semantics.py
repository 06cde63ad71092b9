# weakref.ref identity, equality, hashing, introspection and callbacks.
import weakref

class Obj:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return isinstance(other, Obj) and self.v == other.v
    def __hash__(self):
        return hash(self.v)
    def method(self):
        return self.v

a, b = Obj(1), Obj(1)
ra, rb = weakref.ref(a), weakref.ref(b)
print(ra == rb, ra != rb, ra is weakref.ref(a), hash(ra) == hash(1))
print(weakref.ref is weakref.ReferenceType, isinstance(ra, weakref.ref), type(ra).__name__)
print(repr(ra).startswith('<weakref at 0x'), "to 'Obj' at 0x" in repr(ra))
cb_ref = weakref.ref(a, lambda r: None)
print(cb_ref is ra, cb_ref == ra, weakref.getweakrefcount(a), len(weakref.getweakrefs(a)))
h = hash(ra)
del a
print(ra(), repr(ra).endswith('; dead>'), hash(ra) == h, ra == rb, ra == ra)
print(weakref.getweakrefcount(b))
try:
    hash(weakref.ref(Obj(5)))
except TypeError as e:
    print('TypeError:', e)
try:
    ra(1)
except TypeError as e:
    print('TypeError:', e)

# Weakly referenceable kinds.
def func():
    return 'f'
class Klass:
    pass
s = {1, 2}
fs = frozenset([3])
def gen():
    yield 1
g = gen()
m = b.method
for target in (func, Klass, s, fs, g, m, len):
    r = weakref.ref(target)
    print(type(target).__name__, r() is target)
for bad in (1, 'str', (1,), [1], {}, None, 2.5, b'x', range(2), ValueError()):
    try:
        weakref.ref(bad)
    except TypeError as e:
        print('TypeError:', e)

# Weak references as dict keys while alive.
x, y = Obj(7), Obj(8)
d = {weakref.ref(x): 'x', weakref.ref(y): 'y'}
y2 = Obj(8)
print(d[weakref.ref(x)], weakref.ref(y2) in d)
try:
    weakref.ref()
except TypeError as e:
    print('TypeError:', e)

# Callbacks: called with the ref, newest first, errors reported.
log = []
z = Obj(9)
r1 = weakref.ref(z, lambda r: log.append(('first', r() is None)))
r2 = weakref.ref(z, lambda r: log.append(('second', r is r2)))
def failing(r):
    raise RuntimeError('callback failed')
r3 = weakref.ref(z, failing)
del z
print(log)
bm = Obj(3).method
print(weakref.ref(bm)() is bm)
