# Subclasses of _random.Random, as Lib/random.py writes its Random: an
# __init__ of their own, seed/getstate/setstate overridden and calling
# super(), instance attributes beside the generator's state.
import _random


class MyRandom(_random.Random):
    VERSION = 3

    def __init__(self, x=None):
        self.seed(x)
        self.gauss_next = None

    def seed(self, a=None):
        if isinstance(a, str):
            a = len(a) * 1000 + ord(a[0])
        super().seed(a)
        self.gauss_next = None

    def getstate(self):
        return self.VERSION, super().getstate(), self.gauss_next

    def setstate(self, state):
        version, internal, self.gauss_next = state
        super().setstate(internal)

    def randbelow(self, n):
        k = n.bit_length()
        r = self.getrandbits(k)
        while r >= n:
            r = self.getrandbits(k)
        return r


r = MyRandom(2023)
print(type(r).__name__, isinstance(r, _random.Random), type(r).__mro__[1])
g = _random.Random(2023)
print([r.random() for _ in range(3)] == [g.random() for _ in range(3)])
print([r.randbelow(10) for _ in range(20)])
st = r.getstate()
print(st[0], len(st[1]), st[2])
r.gauss_next = 0.5
xs = [r.randbelow(1000) for _ in range(10)]
r.setstate(st)
print(r.gauss_next, xs == [r.randbelow(1000) for _ in range(10)])
r.seed('hello')
print(r.random() == _random.Random(5104).random())
print(r.__dict__)
r.extra = [1, 2]
print(sorted(r.__dict__))

# A subclass that keeps __init__: seeded by Random.__init__.
class Plain(_random.Random):
    pass

p = Plain(7)
print(p.random() == _random.Random(7).random(), type(p).__name__)
try:
    Plain(x=1)
except TypeError as e:
    print(type(e).__name__, e)

# super().__init__ with an argument.
class Chained(_random.Random):
    def __init__(self, a):
        super().__init__(a * 2)
        self.a = a

c = Chained(21)
print(c.a, c.getrandbits(64) == _random.Random(42).getrandbits(64))

# Methods through the base class, and on a wrong receiver.
g = _random.Random(11)
print(_random.Random.random(g) == _random.Random(11).random())
try:
    _random.Random.random(5)
except TypeError as e:
    print(type(e).__name__)
