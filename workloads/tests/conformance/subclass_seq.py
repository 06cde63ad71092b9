class Point(tuple):
    def __new__(cls, x, y):
        return super().__new__(cls, (x, y))
    @property
    def x(self):
        return self[0]
    def __repr__(self):
        return f"Point({self[0]}, {self[1]})"

p = Point(1, 2)
print(p, p.x, p[1], len(p), p == (1, 2), hash(p) == hash((1, 2)), tuple(p), list(p))
print(isinstance(p, tuple), type(p).__name__, p + (3,), {p: "yes"}[(1, 2)])
a, b = p
print(a, b, max(p), sorted(Point(3, 1)))

class T(tuple):
    pass
t = T([1, 2, 3])
print(t, T(), t[1:], t.count(1), t.index(3), repr(t), t * 2)

class Name(str):
    def shout(self):
        return self.upper() + "!"

n = Name("bob")
print(n, n.shout(), len(n), n + "by", n == "bob", {"bob": 1}[n], n[0], repr(n), f"<{n}>")
print(n.startswith("b"), "o" in n, n.split("o"), type(n).__name__, isinstance(n, str), str(n))
print(sorted([Name("b"), Name("a")]), "%s!" % n, "-".join([n, n]))

class Upper(str):
    def __new__(cls, text):
        return super().__new__(cls, text.upper())
print(Upper("abc"), Upper("x") == "X")

class B(bytes):
    pass
b = B(b"xyz")
print(b, b[0], len(b), b == b"xyz", b.upper(), isinstance(b, bytes))

class Tags(set):
    def add_all(self, *xs):
        for x in xs:
            self.add(x)
s = Tags([3])
s.add_all(1, 2)
print(sorted(s), len(s), 2 in s, s == {1, 2, 3}, type(s).__name__, s | {9} == {1, 2, 3, 9})
s.discard(3)
print(sorted(s), bool(Tags()), repr(Tags()), repr(Tags([1])))

class F(frozenset):
    pass
f = F([1, 2])
print(f, len(f), 1 in f, hash(f) == hash(frozenset([1, 2])), f == {1, 2}, repr(F()))

for base in (bool, type(None), range, type(len), type(lambda: 0)):
    try:
        class X(base):
            pass
    except TypeError as e:
        print("TypeError:", e)
try:
    class Both(list, dict):
        pass
except TypeError as e:
    print("TypeError:", e)
class L(list): pass
class M(L): pass
m = M([1])
m.append(2)
print(m, M.__mro__[1].__name__, isinstance(m, L), issubclass(M, list))
