# __init_subclass__ (PEP 487) and class keywords: order, super() chain, object's refusal of keywords.
registry = {}
class Plugin:
    def __init_subclass__(cls, key=None, **kw):
        super().__init_subclass__(**kw)
        registry[key or cls.__name__.lower()] = cls
        print("registered", cls.__name__, type(Plugin.__dict__["__init_subclass__"]).__name__)
class Alpha(Plugin):
    pass
class Beta(Plugin, key="b"):
    pass
class Gamma(Beta):
    pass
print(sorted(registry))
def order(tag):
    print("eval", tag)
    return tag
class Delta(Plugin, key=order("d")):
    print("body runs before the hook")
try:
    class Bad(Plugin, key="x", colour="red"):
        pass
except TypeError as e:
    print("TypeError:", e)
try:
    class Plain(flavour=1):
        pass
except TypeError as e:
    print("TypeError:", e)
class Base:
    pass
class WithMeta(Base, metaclass=type):
    pass
print(WithMeta.__name__)
class Counting:
    count = 0
    def __init_subclass__(cls):
        Counting.count += 1
        cls.serial = Counting.count
class One(Counting): pass
class Two(Counting): pass
print(One.serial, Two.serial, Counting.count, hasattr(Counting, "serial"))
