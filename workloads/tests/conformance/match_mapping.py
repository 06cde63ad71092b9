# match: mapping patterns. Dicts (and subclasses), mappingproxies and
# collections.abc.Mapping instances match; extra keys are fine; **rest
# collects the others into a new dict; values are read with .get().
import collections
import collections.abc
import types


def m(x):
    match x:
        case {"kind": "point", "x": px, "y": py}:
            return ("point", px, py)
        case {"kind": "circle", **rest}:
            return ("circle", rest)
        case {1: one, **rest} if not rest:
            return ("only 1", one)
        case {}:
            return "some mapping"
        case _:
            return "not a mapping"


for v in [{"kind": "point", "x": 1, "y": 2, "z": 3}, {"kind": "circle", "r": 5, "c": 0},
          {1: "a"}, {1: "a", 2: "b"}, {}, {"kind": "point", "x": 1},
          collections.OrderedDict(kind="circle"), collections.defaultdict(int),
          types.MappingProxyType({"kind": "circle", "r": 1}), [("kind", "point")],
          "kind", None]:
    print(type(v).__name__, m(v))


# The rest is a new dict, in the subject's order, without the matched keys.
d = {"a": 1, "b": 2, "c": 3, "d": 4}
match d:
    case {"c": c, "a": a, **others}:
        print(c, a, others, others is d, d)


# A defaultdict is read with .get(): missing keys are not created.
dd = collections.defaultdict(list, {"x": 1})
match dd:
    case {"y": y}:
        print("wrong", y)
    case {"x": x}:
        print("defaultdict", x, dict(dd))


# Keys may be dotted names; values compare with ==.
class Keys:
    A = "a"
    B = 2


match {"a": 1, 2: "two"}:
    case {Keys.A: 1, Keys.B: v}:
        print("dotted keys", v)


# A user Mapping: .get is called with a sentinel default.
class M(collections.abc.Mapping):
    def __init__(self, d):
        self.d = d

    def __getitem__(self, k):
        print("getitem", k)
        return self.d[k]

    def __len__(self):
        print("len")
        return len(self.d)

    def __iter__(self):
        print("iter")
        return iter(self.d)

    def get(self, k, default=None):
        print("get", k, default is None)
        return self.d.get(k, default)


match M({"p": 1, "q": 2}):
    case {"p": p, **kw}:
        print("user mapping", p, kw)

match M({"p": 1}):
    case {"z": _}:
        print("wrong")
    case {"p": 1}:
        print("user mapping matched")


# A dict subclass whose get is overridden: CPython uses it.
class D(dict):
    def get(self, k, default=None):
        print("D.get", k)
        return super().get(k, default)


match D(a=1):
    case {"a": a}:
        print("dict subclass", a)


# The same key twice (found at run time) is a ValueError.
class K:
    one = 1
    other = 1


try:
    match {1: 1, 2: 2}:
        case {K.one: _, K.other: _}:
            print("wrong")
except ValueError as e:
    print(type(e).__name__, e)

# Unhashable keys are a TypeError.
class U:
    key = []


try:
    match {1: 1}:
        case {U.key: _}:
            print("wrong")
except TypeError as e:
    print(type(e).__name__, e)

# Nested.
match {"user": {"name": "ann", "roles": ["admin", "dev"]}}:
    case {"user": {"name": str(name), "roles": [*_, "root"] | ["root", *_]}}:
        print("wrong")
    case {"user": {"name": str(name), "roles": ["admin", *others]}}:
        print("nested", name, others)
