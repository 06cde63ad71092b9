# sys.getrefcount: CPython's counts for objects bound to names, in containers, in frames.
import sys
class T:
    pass
def f():
    x = T()
    print('local', sys.getrefcount(x))
    y = [x]
    print('in list', sys.getrefcount(x))
    return x
r = f()
print('returned', sys.getrefcount(r))
def g(a):
    return sys.getrefcount(a)
print('param', g(r))
o = T()
o.attr = r
print('attr', sys.getrefcount(r))
print('fresh list', sys.getrefcount([]))
print('new obj', sys.getrefcount(T()))
t = (r, r, r)
print('tuple', sys.getrefcount(r))
del t
d = {}
d['k'] = r
d['j'] = r
print('dict', sys.getrefcount(r))
for i in [r]:
    print('loop', sys.getrefcount(r))
lst = [T() for _ in range(3)]
print('comp', sys.getrefcount(lst[0]))
print(sys.getrefcount(lst))
