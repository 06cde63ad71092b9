class Animal:
    kind = "animal"
    def __init__(self, name):
        self.name = name
    def speak(self):
        return self.name + " makes a sound"
    def __repr__(self):
        return "Animal(" + repr(self.name) + ")"
class Dog(Animal):
    def __init__(self, name, tricks=None):
        super().__init__(name)
        self.tricks = tricks or []
    def speak(self):
        return super().speak() + " (woof)"
d = Dog("rex", ["sit"])
print(d.speak(), d.kind, d.tricks, d)
print(isinstance(d, Animal), isinstance(d, Dog), issubclass(Dog, Animal), type(d).__name__)
print([c.__name__ for c in Dog.__mro__])
class A: pass
class B(A): pass
class C(A): pass
class D(B, C): pass
print([c.__name__ for c in D.__mro__])
try:
    class X(A, B): pass
except TypeError as e:
    print(e)
class V:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, o):
        return V(self.x + o.x, self.y + o.y)
    def __eq__(self, o):
        return self.x == o.x and self.y == o.y
    def __lt__(self, o):
        return (self.x, self.y) < (o.x, o.y)
    def __len__(self):
        return 2
    def __getitem__(self, i):
        if i == 0: return self.x
        if i == 1: return self.y
        raise IndexError(i)
    def __str__(self):
        return "V(%s)" % "x" if False else "V<" + str(self.x) + "," + str(self.y) + ">"
    def __radd__(self, o):
        return V(self.x + o, self.y + o)
v = V(1, 2) + V(3, 4)
print(v, v == V(4, 6), v != V(4, 6), len(v), list(v), V(1, 1) < V(2, 0), 10 + V(1, 2))
print(sorted([V(3, 1), V(1, 2)])[0])
class P:
    def __init__(self):
        self._v = 0
    @property
    def v(self):
        return self._v
    @v.setter
    def v(self, val):
        self._v = val * 2
    @staticmethod
    def s(a):
        return a + 1
    @classmethod
    def c(cls):
        return cls.__name__
p = P(); p.v = 5
print(p.v, P.s(1), p.s(2), P.c(), p.c())
class MyErr(Exception):
    def __init__(self, code):
        super().__init__("code " + str(code))
        self.code = code
try:
    raise MyErr(7)
except Exception as e:
    print(type(e).__name__, e, e.code, e.args, isinstance(e, MyErr))
class Ctx:
    def __enter__(self):
        print("enter"); return self
    def __exit__(self, t, v, tb):
        print("exit", t.__name__ if t else None); return True
with Ctx() as c:
    raise ValueError("swallowed")
print("after")
class Counter:
    def __init__(self, n): self.n = n; self.i = 0
    def __iter__(self): return self
    def __next__(self):
        if self.i >= self.n: raise StopIteration
        self.i += 1; return self.i
print(list(Counter(3)), sum(Counter(4)))
from abc import ABC, abstractmethod
class Shape(ABC):
    @abstractmethod
    def area(self): ...
class Sq(Shape):
    def __init__(self, s): self.s = s
    def area(self): return self.s ** 2
print(Sq(3).area())
try:
    Shape()
except TypeError as e:
    print(e)
class G:
    def __getattr__(self, name):
        return "dyn_" + name
print(G().foo, hasattr(G(), "bar"), getattr(P(), "zzz", "dflt"))
try:
    print(P().missing)
except AttributeError as e:
    print(e)
class Call:
    def __call__(self, x): return x * 3
print(Call()(4), callable(Call()), callable(3))
class H:
    def __init__(self, k): self.k = k
    def __hash__(self): return hash(self.k)
    def __eq__(self, o): return self.k == o.k
print(H(1) in [H(2), H(1)], bool(V(0, 0)))
class Base:
    def hello(self): return "base"
class Mid1(Base):
    def hello(self): return "m1>" + super().hello()
class Mid2(Base):
    def hello(self): return "m2>" + super().hello()
class Leaf(Mid1, Mid2):
    def hello(self): return "leaf>" + super().hello()
print(Leaf().hello())
o = Animal("cat")
o.extra = 1
print(sorted(vars(o)), o.__dict__["name"])
