# match: class patterns. An isinstance check, positional sub-patterns
# through __match_args__, keyword ones by attribute; builtin types such as
# int and str match their one positional sub-pattern against the subject.
import collections


class Point:
    __match_args__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


class Point3(Point):
    __match_args__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z


def where(p):
    match p:
        case Point(0, 0):
            return "origin"
        case Point3(x, y, z=0):
            return f"flat 3d {x},{y}"
        case Point(x=0, y=y):
            return f"on the y axis at {y}"
        case Point(x, 0):
            return f"on the x axis at {x}"
        case Point():
            return "somewhere"
        case _:
            return "not a point"


for p in [Point(0, 0), Point(0, 5), Point(4, 0), Point(1, 1), Point3(1, 2, 0),
          Point3(0, 0, 9), Point3(0, 7, 1), (0, 0), None]:
    print(where(p))


# The builtin types that match themselves.
def kind(v):
    match v:
        case bool(b):
            return f"bool {b}"
        case int(i):
            return f"int {i}"
        case float(f):
            return f"float {f}"
        case str(s):
            return f"str {s!r}"
        case bytes(b):
            return f"bytes {b!r}"
        case bytearray(b):
            return f"bytearray {b!r}"
        case list(l):
            return f"list {l}"
        case tuple(t):
            return f"tuple {t}"
        case dict(d):
            return f"dict {d}"
        case set(s):
            return f"set {s}"
        case frozenset(s):
            return f"frozenset {sorted(s)}"
        case _:
            return "other"


for v in [True, 3, 2.5, "s", b"b", bytearray(b"a"), [1], (1,), {1: 2}, {1},
          frozenset([2, 1]), None, 1j]:
    print(kind(v))


# Subclasses inherit matching themselves, until they define __match_args__.
class MyInt(int):
    pass


class Named(int):
    __match_args__ = ("real",)


match MyInt(7):
    case MyInt(n):
        print("subclass of int", n, type(n).__name__)

match Named(8):
    case Named(r):
        print("own __match_args__", r, type(r).__name__)

# Keyword sub-patterns work on any attribute, builtins included.
match 5:
    case int(real=5, imag=0):
        print("int attributes")

match "abc":
    case str(upper=u):
        print("bound method", u())

# Missing attributes make the pattern fail, quietly.
match Point(1, 2):
    case Point(z=_):
        print("wrong")
    case Point(x=1):
        print("missing attribute fails the case")


# __match_args__ may name properties; a property that raises
# AttributeError fails the match, others propagate.
class Lazy:
    __match_args__ = ("value", "broken")

    @property
    def value(self):
        print("computing value")
        return 42

    @property
    def broken(self):
        raise AttributeError("not there")


match Lazy():
    case Lazy(v, _):
        print("wrong", v)
    case Lazy(v):
        print("first only", v)


class Boom:
    @property
    def a(self):
        raise KeyError("boom")


try:
    match Boom():
        case Boom(a=1):
            print("wrong")
except KeyError as e:
    print(type(e).__name__, e)

# Dotted class names, and class patterns inside other patterns.
Pair = collections.namedtuple("Pair", "left right")
print(Pair.__match_args__)
match [Pair(1, Point(2, 3))]:
    case [collections.namedtuple]:
        print("wrong")
    case [Pair(l, Point(x, y) as p)]:
        print("nested", l, x, y, type(p).__name__)


# An isinstance check through __instancecheck__.
class Meta(type):
    def __instancecheck__(cls, obj):
        return obj == "anything"


class Anything(metaclass=Meta):
    pass


match "anything":
    case Anything():
        print("metaclass said yes")

match "nothing":
    case Anything():
        print("wrong")
    case _:
        print("metaclass said no")

# Dataclass-like __match_args__ on a class with __slots__.
class Slotted:
    __slots__ = ("a", "b")
    __match_args__ = ("a", "b")

    def __init__(self, a, b):
        self.a = a
        self.b = b


match Slotted(1, [2, 3]):
    case Slotted(1, [_, c]):
        print("slots", c)
