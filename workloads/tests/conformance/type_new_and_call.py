# type.__new__/__call__/__init__ reached directly: type's own methods are
# unbound on `type` itself, three-argument calls of a metaclass make a class
# of that metaclass, and type.__new__ takes exactly three arguments.
import abc

calls = [
    lambda: type.__new__(type, 1),
    lambda: type.__call__(1),
    lambda: type.__init__(1),
    lambda: type.__call__(type, 1),
    lambda: type.__call__(int, "5"),
    lambda: type(abc.ABCMeta("Y", (), {})),
    lambda: type(type("Z", (abc.ABC,), {})),
    lambda: type("W", (int,), {})(3) + 1,
    lambda: type.__new__(type, "V", (), {}).__qualname__,
    lambda: type("U", (), {}, extra=1),
]
for i, call in enumerate(calls):
    try:
        print(i, call())
    except TypeError as e:
        print(i, "TypeError")
