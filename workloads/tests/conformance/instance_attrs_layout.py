# Instances keep their attributes inline, with names shared by the class,
# until something needs a real dict; every path must behave as CPython's
# instance dicts do: order, deletion, re-adding, __dict__ writes seen as
# attributes, __class__ assignment, many attributes, str-subclass names,
# copying, pickling, cycles through attributes, and __setattr__ hooks that
# appear or disappear after the class was made.
import copy
import gc
import pickle


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


p = Point(1, 2)
print(p.x, p.y, vars(p))

# Deleting the last attribute, then adding it back; deleting one in the
# middle; adding a name out of the class's order.
q = Point(3, 4)
q.z = 5
del q.z
print(q.__dict__, hasattr(q, "z"))
q.z = 6
print(q.__dict__)
r = Point(5, 6)
del r.x
print(r.__dict__, hasattr(r, "x"))
r.x = 9
print(r.__dict__, r.x)
s = Point(7, 8)
s.w = 0
t = Point(0, 0)
t.v = 1  # another name at the index where s has "w"
print(s.__dict__, t.__dict__)

# Writes through __dict__ are attributes, and attributes are in __dict__.
d = p.__dict__
d["extra"] = "via dict"
p.more = "via attr"
print(p.extra, d["more"], list(d))
d.clear()
print(hasattr(p, "x"), vars(p))


class A:
    pass


a1 = A()
a1.b = 1
a1.a = 2
a2 = A()
a2.a = 3
a2.b = 4
print(a1.__dict__, a2.__dict__)


class B:
    pass


a1.__class__ = B
print(type(a1).__name__, a1.__dict__, a1.a, a1.b)
a1.c = 3
print(a1.__dict__)

# More attributes than the class keeps inline.
many = A()
for i in range(40):
    setattr(many, "k%d" % i, i)
print(len(many.__dict__), many.k0, many.k39, list(vars(many))[-3:])

# Errors name the attribute.
for action in (lambda: p.nope, lambda: delattr(a2, "nope")):
    try:
        action()
    except AttributeError as e:
        print("AttributeError:", e)


class Name(str):
    pass


u = Point(1, 2)
setattr(u, Name("x"), 10)
setattr(u, Name("label"), "named")
print(u.x, u.label, u.__dict__)

print(copy.copy(Point(1, 2)).__dict__)
print(copy.deepcopy(q).__dict__)
print(pickle.loads(pickle.dumps(Point(1, [2, 3]))).__dict__)


# A cycle through inline attributes is collected.
class Node:
    pass


gc.collect()
n = Node()
n.me = n
n.other = Node()
n.other.back = n
del n
print("collected", gc.collect())


# __setattr__ added to the class after instances were made, then removed.
class Logged:
    pass


obj = Logged()
obj.before = 1


def logging_setattr(self, name, value):
    print("set", name, value)
    object.__setattr__(self, name, value)


Logged.__setattr__ = logging_setattr
obj.during = 2
del Logged.__setattr__
obj.after = 3
print(vars(obj))


class Base:
    def __setattr__(self, name, value):
        object.__setattr__(self, name, value * 2)


class Derived(Base):
    pass


dv = Derived()
dv.v = 21
print(dv.v)


class Slotted:
    __slots__ = ("a", "b")


sl = Slotted()
sl.a = 1
sl.b = 2
print(sl.a, sl.b, hasattr(sl, "__dict__"))
try:
    sl.c = 3
except AttributeError as e:
    print("AttributeError:", e)


# `object()` itself has no __dict__: no attributes can be set on it.
plain = object()
try:
    plain.x = 1
except AttributeError as e:
    print("AttributeError:", e)
print(hasattr(plain, "__dict__"), hasattr(plain, "x"))
try:
    vars(plain)
except TypeError as e:
    print("TypeError:", e)
