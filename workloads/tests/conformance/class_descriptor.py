# Data descriptors with __get__/__set__/__set_name__.
class Typed:
    def __set_name__(self, owner, name):
        self.name = '_' + name
        print('set_name', owner.__name__, name)
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.name)
    def __set__(self, obj, value):
        if not isinstance(value, int):
            raise TypeError('%s must be int, got %s' % (self.name[1:], type(value).__name__))
        setattr(obj, self.name, value)

class Point:
    x = Typed()
    y = Typed()
    def __init__(self, x, y):
        self.x = x
        self.y = y

p = Point(1, 2)
print(p.x, p.y, sorted(vars(p)))
p.x = 10
print(p.x)
try:
    p.y = 'no'
except TypeError as e:
    print('TypeError:', e)
print(type(Point.x).__name__)

class Constant:
    def __init__(self, v):
        self.v = v
    def __get__(self, obj, objtype=None):
        return self.v
class Holder:
    c = Constant(42)
h = Holder()
print(h.c, Holder.c)
h.c = 'shadowed'
print(h.c, Holder.c)
