# _pickle.Pickler's output, byte for byte, for many objects and every
# protocol (CPython's C accelerator is the reference).
import pickle
import _pickle
import copyreg
import collections

print(pickle.Pickler is _pickle.Pickler, pickle.Unpickler is _pickle.Unpickler)
print(pickle.dumps is _pickle.dumps, pickle.loads is _pickle.loads)
print(pickle.PicklingError is _pickle.PicklingError, pickle.PicklingError.__module__)
print(issubclass(pickle.UnpicklingError, pickle.PickleError), issubclass(pickle.PickleError, Exception))
print(pickle.Pickler.__module__, pickle.Pickler.__name__, pickle.DEFAULT_PROTOCOL, pickle.HIGHEST_PROTOCOL)


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __eq__(self, other):
        return type(other) is Point and (self.x, self.y) == (other.x, other.y)

    def __repr__(self):
        return f"Point({self.x!r}, {self.y!r})"


class WithState:
    def __init__(self, v):
        self.v = v

    def __getstate__(self):
        return {"v": self.v * 2}

    def __setstate__(self, state):
        self.v = state["v"] // 2


class WithReduce:
    def __init__(self, a, b):
        self.a, self.b = a, b

    def __reduce__(self):
        return (WithReduce, (self.a, self.b))


class NewArgs(int):
    def __new__(cls, v, tag):
        self = super().__new__(cls, v)
        self.tag = tag
        return self

    def __getnewargs__(self):
        return (int(self), self.tag)


class KwOnly:
    def __new__(cls, *, k):
        self = object.__new__(cls)
        self.value = k
        return self

    def __getnewargs_ex__(self):
        return ((), {"k": self.value})


class MyList(list):
    pass


class MyDict(dict):
    pass


def top_function():
    pass


class Registered:
    def __init__(self, n):
        self.n = n


def reduce_registered(obj):
    return (Registered, (obj.n + 100,))


copyreg.pickle(Registered, reduce_registered)

shared = [1, 2]
rec_list = [1]
rec_list.append(rec_list)
rec_dict = {}
rec_dict["self"] = rec_dict
rec_tuple = ([],)
rec_tuple[0].append(rec_tuple)

objects = [
    ("None", None),
    ("bools", [True, False]),
    ("small ints", [0, 1, 255, 256, 65535, 65536, -1, -128, -129, 2**31 - 1, -2**31]),
    ("big ints", [2**31, -2**31 - 1, 2**63 - 1, -2**63, 2**64, 2**100, -2**100, 255 << 2000]),
    ("floats", [0.0, -0.0, 1.5, 1e100, -2.5e-300, float("inf"), float("-inf"), 1 / 3]),
    ("str", ["", "a", "hello world", "caf\u00e9", "\u4e2d\u6587", "\U0001f600", "a\\b\n\r\x00\x1a", "x" * 300]),
    ("bytes", [b"", b"a", b"\x00\xff" * 10, b"y" * 300]),
    ("bytearray", [bytearray(), bytearray(b"abc")]),
    ("tuples", [(), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4), ((),)]),
    ("nested", {"a": [1, (2, 3)], "b": {"c": {4, 5}}, "d": frozenset({6})}),
    ("shared", [shared, shared, (shared,)]),
    ("sets", [set(), {1, 2, 3}, frozenset(), frozenset({7, 8})]),
    ("instance", Point(1, "why")),
    ("getstate", WithState(21)),
    ("reduce", WithReduce(1, [2])),
    ("newargs", NewArgs(5, "five")),
    ("newargs_ex", KwOnly(k=3)),
    ("list subclass", MyList([1, 2, 3])),
    ("dict subclass", MyDict(a=1)),
    ("classes", [Point, int, type(None), dict]),
    ("functions", [top_function, len]),
    ("copyreg", Registered(1)),
    ("ordered", collections.OrderedDict([("x", 1), ("y", 2)])),
    ("many", list(range(2500))),
    ("many dict", {i: i for i in range(1005)}),
    ("many set", set(range(1200))),
    ("exact batch", [list(range(1000)), {i: None for i in range(1000)}]),
]

# Instances of Python classes: protocols 0 and 1 reduce them through
# copyreg._reduce_ex, protocol 2 and up through __reduce_ex__.
from_two = {"instance", "getstate", "newargs", "newargs_ex", "list subclass",
            "dict subclass", "copyreg", "reduce"}

# functools.partial (protocols 2 and 3 of __newobj_ex__) is left out.
for name, obj in objects:
    start = 4 if name == "newargs_ex" else 2 if name in from_two else 0
    for proto in range(start, 6):
        try:
            data = pickle.dumps(obj, proto)
        except Exception as e:
            print(name, proto, type(e).__name__, e)
            continue
        text = data if len(data) < 400 else (len(data), data[:200], data[-100:])
        print(name, proto, text)

for proto in range(6):
    print("rec list", proto, pickle.dumps(rec_list, proto))
    print("rec dict", proto, pickle.dumps(rec_dict, proto))
    print("rec tuple", proto, pickle.dumps(rec_tuple, proto))

# Frames: a pickle larger than one frame, and a payload over 64 KiB.
big = [str(i) * 7 for i in range(20000)]
for proto in (4, 5):
    data = pickle.dumps(big, proto)
    print("frames", proto, len(data), data.count(b"\x95"), data[:30], data[-30:])
    data = pickle.dumps([b"z" * 70000, "w" * 70000, 1], proto)
    print("large payload", proto, len(data), data[:40], data[-40:])
