class Counter(dict):
    def __missing__(self, key):
        return 0

c = Counter()
for w in "the cat and the hat and the bat".split():
    c[w] = c[w] + 1
print(sorted(c.items()), c["zebra"], "zebra" in c, len(c), type(c).__name__)
print(c.get("zebra"), c.get("the"), isinstance(c, dict))

class Logged(dict):
    def __setitem__(self, key, value):
        print("set", key, value)
        super().__setitem__(key, value * 10)

d = Logged(a=1)
d["b"] = 2
d.update({"c": 3})          # update does not call an overridden __setitem__
d.setdefault("e", 5)
print(sorted(d.items()))
print(d == {"a": 1, "b": 20, "c": 3, "e": 5}, repr(d), dict(d))

class Attr(dict):
    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name)
    def __setattr__(self, name, value):
        self[name] = value

a = Attr(x=1)
a.y = 2
print(a.x, a.y, a, list(a), list(a.keys()), list(a.values()))
try:
    a.zz
except AttributeError as e:
    print("AttributeError", e)

class D2(dict):
    def __init__(self, pairs, extra):
        super().__init__(pairs)
        self.extra = extra
d2 = D2([(1, 2)], "x")
print(d2, d2.extra, d2.pop(1), d2, bool(d2))
del d2.extra
print(vars(d2))

class KeyD(dict):
    def __getitem__(self, k):
        return ("custom", k)
k = KeyD({1: 2})
print(k[1], k.get(1), dict.__getitem__(k, 1), {**k})
try:
    Counter.__missing__(c)
except TypeError as e:
    print("TypeError")
