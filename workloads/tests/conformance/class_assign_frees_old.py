# After obj.__class__ = C (an instance, an exception, a module), the class
# it had is freed once nothing else holds it (a loop of assignments keeps
# no old classes alive): as many of the replaced classes live on as of
# classes made the same way and never assigned (none in CPython; where a
# mode keeps every class, all of both).
import gc
import types
import weakref


class Base:
    pass


class BaseError(Exception):
    pass


class BaseModule(types.ModuleType):
    pass


def churn(obj, base, n):
    refs = []
    for i in range(n):
        cls = type("C%d" % i, (base,), {})
        obj.__class__ = cls
        refs.append(weakref.ref(cls))
        del cls
    obj.__class__ = base
    return refs


def control(base, n):
    refs = []
    for i in range(n):
        cls = type("C%d" % i, (base,), {})
        refs.append(weakref.ref(cls))
        del cls
    return refs


def alive(refs):
    # Two collections: the first releases the replaced classes, the
    # second frees their cycles.
    gc.collect()
    gc.collect()
    return sum(r() is not None for r in refs)


x = Base()
x.attr = 1
refs = churn(x, Base, 200)
print("instance", type(x).__name__, x.attr, alive(refs) == alive(control(Base, 200)))

e = BaseError("boom")
refs = churn(e, BaseError, 200)
print("exception", type(e).__name__, e.args, alive(refs) == alive(control(BaseError, 200)))

m = BaseModule("m")
m.value = 3
refs = churn(m, BaseModule, 200)
print("module", type(m).__name__, m.value, alive(refs) == alive(control(BaseModule, 200)))

# Many assignments between two classes, without collecting by hand.
class A:
    pass


class B:
    pass


y = A()
for i in range(100000):
    y.__class__ = B if i % 2 == 0 else A
print(type(y).__name__)

# Classes made in a loop and each assigned many times, without gc.collect
# by hand: their count stays bounded.
z = Base()
refs = []
for i in range(3000):
    cls = type("D%d" % i, (Base,), {})
    z.__class__ = cls
    refs.append(weakref.ref(cls))
    del cls
z.__class__ = Base
print("loop", alive(refs) == alive(control(Base, 3000)))
