# weakref.ref: calling returns the referent while alive and None after it dies.
import weakref

class Node:
    def __init__(self, name):
        self.name = name
    def __repr__(self):
        return 'Node(%r)' % self.name

n = Node('a')
r = weakref.ref(n)
print(r() is n, r(), type(r).__name__)
alias = n
del n
print('after del n (alias alive):', r())
del alias
print('after del alias:', r())
print(r() is None)

m = Node('b')
r1 = weakref.ref(m)
r2 = weakref.ref(m)
print(r1 is r2, r1 == r2, r1() is r2())
m = Node('c')
print(r1(), r2())

try:
    weakref.ref(5)
except TypeError as e:
    print('TypeError:', e)
try:
    weakref.ref([1, 2])
except TypeError as e:
    print('TypeError:', e)
def f():
    return 'function'
rf = weakref.ref(f)
print(rf()())
print(weakref.getweakrefcount(m), weakref.getweakrefcount(f))
