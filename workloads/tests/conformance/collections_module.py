# CPython's own collections package on this runtime's _collections,
# _weakref and itertools: namedtuple, OrderedDict, Counter, ChainMap, deque.
import collections.abc
from collections import namedtuple, OrderedDict, Counter, ChainMap, deque, defaultdict

Point = namedtuple("Point", "x y")
p = Point(1, y=2)
print(p, p.x + p.y, p._asdict(), p._replace(x=5), Point._fields, Point._make([3, 4]))
od = OrderedDict()
od["b"] = 1
od["a"] = 2
od.move_to_end("b")
print(od, list(od), od.popitem(last=False))
c = Counter("abracadabra")
print(c.most_common(3), c["z"], sorted(c.elements())[:4])
cm = ChainMap({"a": 1}, {"a": 2, "b": 3})
print(cm["a"], cm["b"], len(cm), sorted(cm))
d = deque([1, 2, 3], maxlen=3)
d.append(4)
print(d, isinstance(d, collections.abc.Sequence), isinstance({}, collections.abc.Mapping))
dd = defaultdict(list)
dd["k"].append(1)
print(dd)
