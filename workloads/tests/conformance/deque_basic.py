# collections.deque (through _collections): construction, both ends,
# indexing, bounded deques, repr, len, truth, rotation, reversal.
from _collections import deque


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


d = deque([1, 2, 3])
print(d, len(d), bool(d), bool(deque()))
d.append(4)
d.appendleft(0)
print(d, d.pop(), d.popleft(), d)
d.extend('ab')
d.extendleft([10, 20])
print(d)
print(d[0], d[-1], d[2])
d[1] = 'x'
del d[0]
print(d)
d.rotate()
print(d)
d.rotate(-2)
print(d)
d.rotate(13)
print(d)
d.reverse()
print(d)
d.clear()
print(d, len(d))

# Bounded: the other end drops.
b = deque(range(5), maxlen=3)
print(b, b.maxlen)
b.append(5)
print(b)
b.appendleft(-1)
print(b)
b.extend([7, 8])
print(b)
b.extendleft([0, 1])
print(b)
print(deque('abc', 0), deque([1], maxlen=None), deque(iterable=[1, 2], maxlen=1))
print(deque().maxlen, deque(maxlen=7).maxlen)

# Insertion clamps like list.insert; a full bounded deque refuses.
d = deque([1, 3])
d.insert(1, 2)
d.insert(10, 'end')
d.insert(-10, 'start')
d.insert(-1, 'x')
print(d)
show(lambda: deque([1], 1).insert(0, 2))
show(lambda: deque(maxlen=0).insert(0, 1))

# Scans.
d = deque([1, 2, 3, 2, 1, 2])
print(d.count(2), d.count(9), d.index(2), d.index(2, 2), d.index(1, -2), d.index(2, 0, 2))
print(2 in d, 9 in d, 2.0 in d)
d.remove(2)
print(d)
show(lambda: d.remove(9))
show(lambda: d.index(9))
show(lambda: d.index(3, 0, 1))
show(lambda: d.index(1, 'a'))

# Errors.
show(lambda: deque().pop())
show(lambda: deque().popleft())
show(lambda: d[10])
show(lambda: d[-10])
show(lambda: d['a'])
show(lambda: d[1:2])
show(lambda: deque(maxlen=-1))
show(lambda: deque(maxlen='a'))
show(lambda: deque(1))
show(lambda: deque([], 1, 2))
show(lambda: d.clear(1))
show(lambda: d.append())
show(lambda: d.pop(0))
show(lambda: d.rotate('a'))
show(lambda: d.count())
show(lambda: d.insert(1))
show(lambda: d.index())
show(lambda: d.index(1, 2, 3, 4))
show(lambda: d.rotate(1, 2))
show(lambda: d.insert(1, 2, 3))
show(lambda: hash(deque()))
show(lambda: d.__setitem__(10, 0))
show(lambda: d.__delitem__(10))
show(lambda: d.extend(5))

# __init__ again empties and refills.
d = deque([1, 2, 3])
d.__init__([4, 5], 1)
print(d, d.maxlen)

# The deque itself, inside itself.
d = deque([1])
d.append(d)
print(d)
e = deque([d], maxlen=2)
print(e)
