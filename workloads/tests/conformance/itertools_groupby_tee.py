# groupby (its groups share the underlying iterator) and tee.
from itertools import groupby, tee, islice, count

print([(k, list(g)) for k, g in groupby("AAAABBBCCDAABBB")])
print([k for k, g in groupby("AAAABBBCCD")])
print([(k, list(g)) for k, g in groupby([1, 3, 2, 4, 5, 7], key=lambda x: x % 2)])
print([(k, list(g)) for k, g in groupby([])], [(k, list(g)) for k, g in groupby(iterable="aab", key=None)])
# A group handed out before the next step ends: they share the iterator.
groups = [(k, g) for k, g in groupby("aaabbc")]
print([(k, list(g)) for k, g in groups])
it = groupby("aaabbbcc")
k1, g1 = next(it)
print(k1, next(g1))
k2, g2 = next(it)
print(k2, list(g1), list(g2))
k3, g3 = next(it)
print(k3, list(g3), list(g3))
try:
    next(it)
except StopIteration:
    print("StopIteration")
# The group reads ahead only as it is consumed.
src = iter([1, 1, 2, 2, 3])
gb = groupby(src)
k, g = next(gb)
print(k, next(g), next(src))
print([(k, list(g)) for k, g in gb])
print(type(groupby("")).__name__, type(g).__name__, repr(g).split(" at ")[0], repr(groupby("")).split(" at ")[0])
nan = float("nan")
print([(k, len(list(g))) for k, g in groupby([nan, nan, 1.0, 1])])

a, b = tee(range(5))
print(next(a), next(a), list(b), list(a))
print(tee([1], 0), len(tee([1], 5)), [list(t) for t in tee("abc", 3)])
a, b = tee(iter([1, 2, 3]))
c = a.__copy__()
d = a.__copy__()
print(next(a), list(c), list(d), list(b), list(a))
print(type(a).__name__, repr(a).split(" at ")[0])
a, b = tee(count())
print(list(islice(a, 200))[-3:], next(b), list(islice(b, 150, 152)))
x, y = tee(a)
print(x is a, next(x), next(y))
t1, t2, t3 = tee("xyz", n=3) if False else tee("xyz", 3)
print(list(t3), list(t1), list(t2))
src = iter("pq")
a, b = tee(src)
print(list(a), list(src), list(b))


def reenter():
    yield next(ta)


ta, tb = tee(reenter())
try:
    next(ta)
except RuntimeError as e:
    print("RuntimeError", e)
