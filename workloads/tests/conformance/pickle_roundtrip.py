# CPython's pure-Python pickle over object.__reduce_ex__, every protocol.
import pickle, copy
from collections import OrderedDict, namedtuple
import enum

class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __eq__(self, other):
        return (self.x, self.y) == (other.x, other.y)
    def __repr__(self):
        return f"Point({self.x}, {self.y})"

class Color(enum.Enum):
    RED = 1

Pair = namedtuple("Pair", "a b")

class Stack(list):
    pass

data = [1, -2, 3.5, 2**80, "text", b"bytes", None, True, (1, 2), {"k": [1, 2]},
        {1, 2}, frozenset({3}), Point(1, 2), Color.RED, Pair(1, "b"), OrderedDict(a=1)]
for proto in range(2, pickle.HIGHEST_PROTOCOL + 1):
    blob = pickle.dumps(data, protocol=proto)
    back = pickle.loads(blob)
    print(proto, back == data, back[13] is Color.RED, type(back[14]).__name__)
s = Stack([1, 2])
s.name = "s"
t = pickle.loads(pickle.dumps(s))
print(type(t).__name__, t, t.name)
shared = [1]
pair = pickle.loads(pickle.dumps([shared, shared]))
print(pair[0] is pair[1])
rec = []
rec.append(rec)
r = pickle.loads(pickle.dumps(rec))
print(r[0] is r)
print(pickle.dumps(42, protocol=2), pickle.dumps("a", protocol=2))
try:
    pickle.dumps(lambda: 1)
except (pickle.PicklingError, AttributeError) as e:
    print(type(e).__name__)
print(copy.deepcopy(data) == data)
class Tags(set):
    pass
tg = Tags({1, 2})
tg.owner = "me"
for c in (copy.copy(tg), copy.deepcopy(tg), pickle.loads(pickle.dumps(tg))):
    print(type(c).__name__, sorted(c), c.owner)
print(copy.deepcopy({frozenset({1}): {2, 3}}), set().__reduce__(), frozenset({5}).__reduce_ex__(2))
