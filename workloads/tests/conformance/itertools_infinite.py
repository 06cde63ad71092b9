# itertools.count, cycle and repeat: values, reprs, type names, length hints.
import itertools
from itertools import count, cycle, repeat, islice


def take(n, it):
    return list(islice(it, n))


print(take(5, count()))
print(take(3, count(10)), take(3, count(-2, -3)), take(3, count(start=2, step=5)))
print(take(3, count(1.5, 0.25)))
print(take(3, count(2**70, 2**65)))
print(take(3, count(True, 2)), take(3, count(True)))
print(take(3, count(9223372036854775806)))
print(take(3, count(9223372036854775800, 5)))
print(take(3, count(1, 0)))


class Num:
    def __init__(self, v):
        self.v = v

    def __add__(self, other):
        return Num(self.v + other.v)

    def __index__(self):
        return self.v

    def __repr__(self):
        return f"Num({self.v})"


print(take(3, count(Num(1), Num(10))), repr(count(Num(2), Num(1))))
print(take(2, count(1j, 1 + 1j)))
for c in [count(), count(3), count(3, 1), count(3, 2), count(1.5), count(0, 1.0),
          count(2**70), count(2**70, True), count(-5, -1), count(True, 2)]:
    print(repr(c))
c = count(5)
next(c), next(c)
print(repr(c), type(c).__name__, type(c))
print(repr(count(9223372036854775806)), end=" ")
c = count(9223372036854775806)
next(c), next(c)
print(repr(c), next(c))

print(take(7, cycle("abc")), take(3, cycle([])), take(4, cycle(iter([1, 2]))))
cy = cycle(range(3))
print(take(2, cy), take(5, cy))
print(type(cy).__name__, repr(cy).split(" at ")[0])


def gen():
    yield 1
    yield 2
    print("gen done")


print(take(5, cycle(gen())))

print(list(repeat("a", 3)), list(repeat(None, 0)), list(repeat(1, -5)), take(4, repeat(7)))
print(list(repeat(object="x", times=2)), list(repeat([1], times=1)))
for r in [repeat("a"), repeat("a", 2), repeat(None, -1), repeat([1, 2], 0), repeat(times=3, object=1.5)]:
    print(repr(r))
r = repeat("z", 3)
print(r.__length_hint__(), next(r), r.__length_hint__(), repr(r))
print(list(r), r.__length_hint__(), repr(r))
import operator
print(operator.length_hint(repeat(1, 4)), operator.length_hint(repeat(1), 99) if False else "-")
try:
    repeat(1).__length_hint__()
except TypeError as e:
    print(type(e).__name__, e)
try:
    len(repeat(1, 3))
except TypeError as e:
    print(type(e).__name__, e)
print(list(map(pow, range(5), repeat(2))))
print(list(zip(count(), "abc")))
print(type(repeat(1)).__name__, type(count()).__name__, type(cycle("")).__name__)
print(itertools.count is count, isinstance(count(), count), iter(c) is c)
print(repr(count).replace("<class '", "").replace("'>", ""), count.__name__)
