# PEP 560 __mro_entries__, type() handing the call to a derived metaclass, class __doc__/__annotations__.
class Base:
    pass
class Alias:
    def __init__(self, origin):
        self.origin = origin
    def __mro_entries__(self, bases):
        print("entries", [type(b).__name__ for b in bases])
        return (self.origin,)
class C(Alias(Base), dict):
    pass
print(C.__mro__, C.__orig_bases__[0].origin is Base, "__orig_bases__" in Base.__dict__)
class Bad:
    def __mro_entries__(self, bases):
        return [Base]
try:
    class D(Bad()):
        pass
except TypeError as e:
    print("TypeError", e)

class Meta(type):
    def __new__(mcls, name, bases, ns, *, tag=None, **kw):
        print("Meta.__new__", name, tag)
        cls = super().__new__(mcls, name, bases, ns, **kw)
        cls.tag = tag
        return cls
class A(metaclass=Meta, tag="a"):
    pass
B = type("B", (A,), {"x": 1}, tag="b")
print(type(B).__name__, B.tag, B.x, B.__mro__)
