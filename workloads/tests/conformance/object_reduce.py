# object.__reduce_ex__ / __reduce__ and what copy builds on them.
import copy, copyreg

class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return f"Point({self.x}, {self.y})"

p = Point(1, [2, 3])
r = p.__reduce_ex__(2)
print(r[0] is copyreg.__newobj__, r[1] == (Point,), r[2], r[3], r[4])
q = copy.copy(p)
print(q, q.y is p.y)
d = copy.deepcopy(p)
print(d, d.y is p.y)

class WithArgs:
    def __init__(self, n):
        self.n = n
    def __getnewargs__(self):
        return (self.n,)
    def __new__(cls, n):
        o = super().__new__(cls)
        o.n = n
        return o
print(WithArgs(5).__reduce_ex__(2)[1][1:], copy.copy(WithArgs(7)).n)

class KwArgs:
    def __new__(cls, *, k):
        o = super().__new__(cls)
        o.k = k
        return o
    def __getnewargs_ex__(self):
        return ((), {"k": self.k})
r = KwArgs(k=3).__reduce_ex__(4)
print(r[0] is copyreg.__newobj_ex__, r[1][1:], copy.copy(KwArgs(k=9)).k)

class Custom:
    def __reduce__(self):
        return (Custom, ())
print(Custom().__reduce_ex__(2) == (Custom, ()))

class MyList(list):
    pass
ml = MyList([1, 2])
ml.tag = "t"
r = ml.__reduce_ex__(2)
print(r[2], list(r[3]), r[4])
c = copy.copy(ml)
print(type(c).__name__, c, c.tag)

class MyDict(dict):
    pass
md = MyDict(a=1)
print(sorted(md.__reduce_ex__(2)[4]), copy.deepcopy(md))

for bad in [lambda: object.__reduce_ex__(Point(0, 0)), lambda: Point(0, 0).__reduce_ex__("x")]:
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)

class BadNew:
    def __getnewargs__(self):
        return [1]
try:
    BadNew().__reduce_ex__(2)
except TypeError as e:
    print("TypeError", e)
print(hasattr(object, "__reduce_ex__"), object.__reduce__ is not None)
