
class L(list): pass
class D(dict): pass
class S(str): pass
l = L([3,1,2])
print(l.copy(), type(l.copy()).__name__, l[:], type(l[:]).__name__, type(l + l).__name__)
print(sorted(l), list(l), tuple(l), set(l) == {1,2,3}, len(str(l)))
print(L.__name__, L.__mro__, L.__bases__)
d = D(a=1)
print(d | {"b": 2}, type(d | {}).__name__, D.fromkeys([1]), type(d.copy()).__name__)
s = S("héllo")
print(s.upper(), type(s.upper()).__name__, s[1:3], s * 2, len(s), s.encode(), hash(s) == hash("héllo"))
print(S("a") < S("b"), S("a") + S("b"), type(S("a") + S("b")).__name__, "%s" % S("x"), "{}".format(S("y")))
print(isinstance(l, L), issubclass(L, list), L() == [], L() is not L())
class Q(list):
    def __iter__(self):
        return iter([9, 9])
print(list(Q([1])), [x for x in Q([1])], sum(Q([1, 2])), len(Q([1,2])))
class N(list):
    def __len__(self):
        return 5
print(bool(N()), len(N()))
l2 = L()
l2 *= 3
l2 += [1]
print(l2, type(l2).__name__)
print(repr(S("q")), str(S("q")), f"{S('q')!r}")
class T(tuple):
    def __getitem__(self, i):
        return "over"
t = T((1, 2))
a, b = t
print(a, b, t[0], list(t))
import weakref
print(weakref.ref(l)() is l)
print([L([1])] == [[1]], {"k": L([1])} == {"k": [1]})
try:
    {L(): 1}
except TypeError as e:
    print(e)
print(max(L([4, 5])), min(S("zab")), sorted(D(b=1, a=2)))
class Q(list):
    def __iter__(self):
        return iter([7, 8])
q = Q([1])
x = []
x.extend(q)
print(x, tuple(q), set(q), sorted(q), list(zip(q, q)), list(enumerate(q)), [*q], max(q), min(q))
a, b = q
print(a, b, " ".join(map(str, q)), any(q), all(q), dict.fromkeys(q))
def f(*args):
    return args
print(f(*q), {**{}}, list(reversed(q)), list(map(str, q)), list(filter(None, q)), sum(q))
class QS(str):
    def __iter__(self):
        return iter("zz")
print(list(QS("ab")), "-".join(QS("ab")), [c for c in QS("ab")])
