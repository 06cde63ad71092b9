# property(fget, fset, fdel, doc), the deleter decorator, and del/delattr through properties.
class C:
    def __init__(self): self._x = 1
    def gx(self): return self._x
    def sx(self, v): self._x = v
    def dx(self): print("deleting"); del self._x
    x = property(gx, sx, dx, "doc")
    y = property(fget=gx, fdel=dx)
    z = property(gx)
c = C()
c.x = 5
print(c.x, C.x.fdel is C.dx, C.z.fdel)
del c.x
print(hasattr(c, '_x'))
c.sx(3)
del c.y
for stmt in [lambda: delattr(c, 'z')]:
    try:
        stmt()
    except AttributeError as e:
        print("AttributeError:", e)
class D:
    @property
    def v(self): return 1
    @v.deleter
    def v(self): print("D deleter")
d = D()
del d.v
try:
    d.v = 3
except AttributeError as e:
    print("AttributeError:", e)
