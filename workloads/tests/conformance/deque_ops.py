# deque operators: comparison, +, *, +=, *=, in, copy, reversed,
# iteration errors, subclassing, __reduce__, generic alias.
from _collections import deque


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


a, b = deque([1, 2]), deque([1, 3])
print(a == deque([1, 2]), a != b, a < b, a <= b, b > a, b >= a, a == [1, 2])
print(deque([1, 2]) < deque([1, 2, 0]), deque() == deque(), deque([1]) == deque([1.0]))
print(a + b, a * 2, 2 * a, a * 0, a * -1)
show(lambda: a + [1])
bounded = deque([1, 2, 3], maxlen=5)
print(bounded + bounded, bounded * 3, 3 * bounded)
bounded *= 2
print(bounded)
c = deque([1])
c += [2, 3]
c += (4,)
c += c
print(c)
c *= 2
print(c, len(c))
c *= 1
print(len(c))
c *= 0
print(c)

# Copies.
d = deque([1, [2]], maxlen=4)
e = d.copy()
f = d.__copy__()
print(e, f, e is d, e[1] is d[1], e == d)

# Iteration.
d = deque(range(5))
print(list(d), list(reversed(d)), tuple(iter(d)), sorted(d, reverse=True))
print(type(iter(d)).__name__, type(reversed(d)).__name__)
it = iter(d)
print(next(it), next(it))
d[4] = 'four'
print(list(it))
for op in ['append', 'pop', 'rotate', 'clear', 'del', 'insert', 'remove', 'extend']:
    d = deque([1, 2, 3])
    it = iter(d)
    next(it)
    if op == 'append': d.append(4)
    elif op == 'pop': d.pop()
    elif op == 'rotate': d.rotate(0)
    elif op == 'clear': d.clear()
    elif op == 'del': del d[0]
    elif op == 'insert': d.insert(0, 0)
    elif op == 'remove': d.remove(3)
    elif op == 'extend': d.extend([5])
    try:
        print(op, list(it))
    except RuntimeError as ex:
        print(op, type(ex).__name__, ex)
for op in ['reverse', 'setitem', 'extend_empty', 'times_one', 'clear_empty']:
    d = deque([1, 2, 3]) if op != 'clear_empty' else deque()
    it = reversed(d)
    if op == 'reverse': d.reverse()
    elif op == 'setitem': d[0] = 9
    elif op == 'extend_empty': d.extend([])
    elif op == 'times_one': d *= 1
    elif op == 'clear_empty': d.clear()
    print(op, list(it))
d = deque([1, 2])
it = iter(d)
print(list(it), list(it))
d.append(3)
show(lambda: next(it))

# A deque changed by the __eq__ a scan calls.
class Meddler:
    def __init__(self, d):
        self.d = d
    def __eq__(self, other):
        self.d.append(0)
        return False
for name in ['count', 'index', 'contains', 'remove']:
    d = deque()
    d.append(Meddler(d))
    d.append(1)
    try:
        if name == 'count': print(d.count(1))
        elif name == 'index': print(d.index(1))
        elif name == 'contains': print(1 in d)
        else: print(d.remove(1))
    except Exception as ex:
        print(name, type(ex).__name__, ex)

# Subclasses.
class D(deque):
    def total(self):
        return sum(self)
x = D([1, 2, 3])
x.tag = 'seen'
print(x, type(x).__name__, x.total(), len(x), x.tag, isinstance(x, deque))
y = D('ab', 2)
print(y, y.maxlen, y.copy(), type(y.copy()).__name__, type(y + y).__name__, y * 2)
print(x == deque([1, 2, 3]), x.pop(), x)
class E(deque):
    def __init__(self, n):
        super().__init__(range(n), maxlen=n + 1)
e = E(3)
e.append('more')
e.append('evict')
print(e, type(e.copy()).__name__ if False else 'E', e.maxlen)

# __reduce__ and generic alias.
r = deque([1, 2]).__reduce__()
print(r[0].__name__, r[1], r[2], list(r[3]))
r = deque([1, 2], 3).__reduce__()
print(r[1], list(r[3]))
r = x.__reduce__()
print(r[0].__name__, r[2], list(r[3]))
print(deque[int], deque[int].__origin__ is deque)
print(deque.__name__)
print(deque)

# The iterator types.
from _collections import _deque_iterator, _deque_reverse_iterator
d = deque([1, 2, 3])
it = iter(d)
print(iter(it) is it, it.__next__(), next(it), list(it))
print(list(_deque_iterator(d, 1)), list(_deque_reverse_iterator(d, 1)))
show(lambda: _deque_iterator([1]))
print(deque.__class_getitem__(int), list(reversed(D([1, 2, 3]))))
print(len(deque(range(100000), maxlen=10)), deque(range(100000), maxlen=2))

# A deque in a reference cycle is collected.
import gc
x = deque()
x.append(x)
print(x == x)
del x
print(gc.collect() >= 1)
