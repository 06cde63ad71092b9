# Builtin container methods whose comparisons run Python code, with the
# container changed meanwhile, and methods given the same object twice.


def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)


# list.sort: the list is empty while the key and comparisons run; a change
# raises ValueError and is dropped, the sorted items stay.
a = [3, 1, 2]
seen = []


def key(x):
    seen.append(len(a))
    return x


show("sort sees empty", lambda: (a.sort(key=key), a, seen))

b = [3, 1, 2]


def grow(x):
    b.append(x)
    return x


show("sort key appends", lambda: b.sort(key=grow))
print("after", b)


class Meddler:
    def __init__(self, v, target):
        self.v = v
        self.target = target

    def __lt__(self, other):
        self.target.append(0)
        self.target.pop()
        return self.v < other.v

    def __repr__(self):
        return f"M{self.v}"


c = []
c.extend([Meddler(2, c), Meddler(1, c), Meddler(3, c)])
show("sort lt append-pop", lambda: c.sort())
print("after", c)

d = [3, 1, 2]


def fail(x):
    if x == 2:
        raise KeyError(x)
    return x


show("sort key raises", lambda: d.sort(key=fail))
print("after", d)

e = [2, "x", 1]
show("sort mixed", lambda: e.sort())
print("after", len(e))

f = [(2, "b"), (1, "z"), (2, "a"), (1, "a")]
f.sort(reverse=True)
print("tuples", f)


# index / count / remove / in with an __eq__ that changes the list.
class Shrinker:
    def __init__(self, target):
        self.target = target

    def __eq__(self, other):
        if self.target:
            self.target.pop()
        return False


g = [Shrinker(None) for _ in range(3)] + [1, 2, 3, 4]
for s in g[:3]:
    s.target = g
show("index", lambda: g.index(4))
print("len", len(g))
g2 = [Shrinker(None), 5, 6, 7]
g2[0].target = g2
show("count", lambda: g2.count(7))
g3 = [Shrinker(None), 5, 6, 7]
g3[0].target = g3
show("in", lambda: 7 in g3)
g4 = [Shrinker(None), 5, 6, 7]
g4[0].target = g4
show("remove", lambda: (g4.remove(6), len(g4)))
h = [1, 2.0, "3", (4,), 2]
print("plain", h.index(2), h.count(2), (4,) in h, h.index("3"))
h.remove(2.0)
print("removed", h)

# The same object on both sides.
x = [1, 2]
x.extend(x)
print("extend self", x)
x += x
print("iadd self", x)
y = x
x *= 2
print("imul in place", y is x, len(y))
x *= 0
print("imul zero", y)
print("add self", [1, 2] + [3], len(y + y))
s = {1, 2, 3}
t = s
s |= s
s &= s
print("set self", s, t is s, s == s, s.issubset(s), s - s, s ^ s, s & s)
s ^= s
print("xor self", s)
s = {1, 2, 3}
s -= s
print("sub self", s)
s = {4, 5}
s.intersection_update(s)
s.difference_update({4})
s.symmetric_difference_update({5, 6})
print("set methods", s)
dd = {"a": 1}
dd.update(dd)
dd |= dd
print("dict self", dd, dd == dd)
print("dict eq", {1: [1], 2: 2} == {2: 2, 1: [1]}, {1: 1} == {1: 1.0}, {1: 1} == {1: 2})
print("list eq", [1, [2]] == [1, [2]], [1, 2] == [1, 2.0], [1] == [2])
print("set eq", {1, 2} == {2, 1}, {1, 2} == frozenset({1, 2}), {1} == {1, 2})

# Slices fitted to the length when they are stored.
z = list(range(6))
del z[-1:]
z[-1:] = []
z[10:] = [9]
del z[::2]
print("slices", z)
try:
    z[::2] = [1, 2, 3]
except ValueError as e:
    print(type(e).__name__, e)
z[::-1] = z[:]
print("reversed", z)
