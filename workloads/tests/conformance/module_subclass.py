# types.ModuleType: calling it, deriving from it, and assigning a
# subclass to a module's __class__.
import sys
import types

m = types.ModuleType("plain", "its doc")
print(m, type(m).__name__, sorted(vars(m)), m.__name__, m.__doc__)
m.x = 1
print(m.x, vars(m)["x"], isinstance(m, types.ModuleType))
try:
    m.missing
except AttributeError as e:
    print("AttributeError:", e)
try:
    types.ModuleType(5)
except TypeError as e:
    print("TypeError:", e)


class Lazy(types.ModuleType):
    loaded = 0

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        type(self).loaded += 1
        value = "computed " + name
        setattr(self, name, value)
        return value

    @property
    def answer(self):
        return 42

    def describe(self):
        return "Lazy module " + self.__name__


lazy = Lazy("lazy")
print(type(lazy).__name__, isinstance(lazy, types.ModuleType), lazy.__name__, lazy.__doc__)
print(lazy.foo, lazy.foo, Lazy.loaded, lazy.answer, lazy.describe())
print(sorted(vars(lazy)))
lazy.y = 2
print(lazy.y, lazy.__dict__["y"])
sys.modules["lazy"] = lazy
import lazy as again

print(again is lazy, again.bar)
from lazy import baz

print(baz, Lazy.loaded)


class Named(types.ModuleType):
    def __init__(self, name, extra):
        super().__init__(name, "doc of " + name)
        self.extra = extra


n = Named("named", [1])
print(n.__name__, n.__doc__, n.extra, repr(n))


# The common pattern: a module gives itself a subclass as its class.
class Guarded(types.ModuleType):
    def __setattr__(self, name, value):
        if name == "CONSTANT":
            raise AttributeError("CONSTANT is read-only")
        super().__setattr__(name, value)

    def __getattr__(self, name):
        return "fallback " + name


CONSTANT = 1
me = sys.modules[__name__]
me.__class__ = Guarded
print(type(me).__name__, me.CONSTANT, me.nothing_here)
try:
    me.CONSTANT = 2
except AttributeError as e:
    print("AttributeError:", e)
me.other = 3
print(other, me.other)
me.__class__ = types.ModuleType
print(type(me).__name__)

# What CPython refuses.
for target in [int, type("P", (), {}), Named]:
    try:
        m.__class__ = target
        print(target.__name__, "ok", type(m).__name__)
    except TypeError as e:
        print(target.__name__, "TypeError:", e)
