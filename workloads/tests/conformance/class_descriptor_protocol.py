# The descriptor protocol: data and non-data descriptors against the instance dict, __delete__, __set_name__, inheritance.
class Logged:
    def __set_name__(self, owner, name):
        print("set_name", owner.__name__, name)
        self.name = name
    def __get__(self, obj, objtype=None):
        print("get", self.name, obj is None, objtype.__name__)
        return self if obj is None else obj.__dict__.get(self.name, "unset")
    def __set__(self, obj, value):
        print("set", self.name, value)
        obj.__dict__[self.name] = value
    def __delete__(self, obj):
        print("delete", self.name)
        obj.__dict__.pop(self.name, None)

class Base:
    a = Logged()
class Child(Base):
    b = Logged()
c = Child()
print(c.a, c.b)
c.a = 1
c.__dict__["a"] = "dict wins?"
print(c.a)
del c.a
print(c.a)
print(type(Child.a).__name__, Child.b.name)

class NonData:
    def __get__(self, obj, objtype=None):
        return "computed"
class Uses:
    nd = NonData()
u = Uses()
print(u.nd)
u.nd = "instance"
print(u.nd, Uses.nd)
del u.nd
print(u.nd)
try:
    del u.nd
except AttributeError as e:
    print("AttributeError:", e)

class SetOnly:
    def __set__(self, obj, value):
        print("SetOnly.__set__", value)
class W:
    s = SetOnly()
w = W()
w.s = 5
print(type(w.s).__name__)
