# Metaclass hooks: __prepare__ with a dict subclass whose __setitem__ the
# class body calls, __iter__/__len__/__contains__/__getitem__/__repr__/
# __getattr__ on classes, __instancecheck__/__subclasscheck__,
# __class_getitem__, a singleton __call__, a function as metaclass.
class OrderedNS(dict):
    def __init__(self):
        super().__init__()
        self.order = []

    def __setitem__(self, key, value):
        if not key.startswith("__"):
            self.order.append(key)
        super().__setitem__(key, value)


class Recording(type):
    @classmethod
    def __prepare__(mcs, name, bases, **kw):
        print("prepare", name, len(bases), kw)
        return OrderedNS()

    def __new__(mcs, name, bases, ns, **kw):
        cls = super().__new__(mcs, name, bases, dict(ns))
        cls.field_order = list(ns.order)
        return cls


class Point(metaclass=Recording, frozen=True):
    z = 3
    x = 1
    y = 2

    def norm(self):
        return 0

    @classmethod
    def __init_subclass__(cls, **kw):
        pass


print(Point.field_order, Point.z)


class EnumMeta(type):
    def __iter__(cls):
        return iter(cls._members)

    def __len__(cls):
        return len(cls._members)

    def __contains__(cls, item):
        return item in cls._members

    def __getitem__(cls, name):
        return cls._by_name[name]

    def __repr__(cls):
        return "<enum %r>" % cls.__name__

    def __getattr__(cls, name):
        if name.startswith("lower_"):
            return name[6:]
        raise AttributeError(name)

    def __instancecheck__(cls, obj):
        return obj in cls._members or type(obj) is cls

    def __subclasscheck__(cls, sub):
        return sub is int or type.__subclasscheck__(cls, sub) if False else sub is int


class Colour(metaclass=EnumMeta):
    _members = ["red", "green", "blue"]
    _by_name = {"R": "red", "G": "green"}


print(list(Colour), len(Colour), "red" in Colour, "pink" in Colour, Colour["G"], repr(Colour), str(Colour))
print(Colour.lower_abc, isinstance("red", Colour), isinstance("pink", Colour), issubclass(int, Colour), issubclass(str, Colour))
try:
    Colour.missing
except AttributeError as e:
    print("AttributeError:", e)
print(sorted(Colour), [c for c in Colour if c != "green"], Colour._members)


class Box:
    def __class_getitem__(cls, item):
        return "Box of %s" % (item.__name__,)


print(Box[int], Box[str])
try:
    Point[1]
except TypeError as e:
    print("TypeError:", e)


class Singleton(type):
    _instances = {}

    def __call__(cls, *args, **kwargs):
        if cls not in cls._instances:
            cls._instances[cls] = super().__call__(*args, **kwargs)
        return cls._instances[cls]


class Config(metaclass=Singleton):
    def __init__(self):
        print("Config made once")


print(Config() is Config(), type(Config).__name__)


def meta_function(name, bases, ns):
    ns["added"] = True
    return type(name, bases, ns)


class Made(metaclass=meta_function):
    pass


print(Made.added, type(Made).__name__)


class Counting(type):
    count = 0

    def __init__(cls, name, bases, ns):
        super().__init__(name, bases, ns)
        Counting.count += 1


class P(metaclass=Counting):
    pass


class Q(P):
    pass


print(Counting.count, type(Q) is Counting)
for bad in [lambda: type.__new__(Counting), lambda: type.__new__(Counting, "X", [], {}), lambda: type.__new__(Counting, "X", (), []), lambda: type.__new__(int, "X", (), {}), lambda: Counting("X")]:
    try:
        print(bad())
    except TypeError as e:
        print("TypeError:", e)
