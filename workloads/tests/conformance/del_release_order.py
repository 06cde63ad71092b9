# The order in which containers, instances and frames release what they hold, seen through __del__.
class D:
    def __init__(self, n): self.n = n
    def __del__(self): print('del', self.n)
l = [D(1), D(2), D(3)]
del l
print('--')
t = (D(1), D(2), D(3))
del t
print('--')
l = [D(1), D(2), D(3)]
l.clear()
print('--')
l = [D(1), D(2), D(3)]
del l[:]
print('--')
l = [D(1), D(2), D(3)]
l[0:2] = []
print('--')
d = {1: D(1), 2: D(2), 3: D(3)}
del d
print('--')
d = {1: D(1), 2: D(2), 3: D(3)}
d.clear()
print('--')
s = {D(1)}
del s
print('--')
class H:
    def __init__(self): self.a = D('a'); self.b = D('b')
h = H()
del h
print('--')
def f():
    x = D('x'); y = D('y'); z = D('z')
f()
print('--')
l = [D(1), D(2)]
l = None
print('end')
