# hash equality across int/float/bool, and identity comparisons (ids never printed).
print(hash(1) == hash(1.0) == hash(True), hash(0) == hash(0.0) == hash(False))
print(hash(2 ** 70) == hash(float(2 ** 70)), hash(-1) == hash(-1.0))
print(hash('abc') == hash('ab' + 'c'), hash((1, 2)) == hash((1, 2)), hash((1, 'a')) == hash((1.0, 'a')))
d = {1: 'int'}
d[1.0] = 'float'
d[True] = 'bool'
print(d, len(d))
s = {0, 0.0, False, 2, 2.0}
print(len(s), sorted(s))
a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a == c, id(a) == id(b), id(a) == id(c))
e1 = ()
e2 = tuple([])
print(None is None, type(None)() is None, e1 == e2, id(None) == id(None))
x = object()
print(id(x) == id(x), isinstance(id(x), int), hash(x) == hash(x))
def f():
    pass
print(f is f, id(f) == id(f), (lambda: 0) is (lambda: 0))
try:
    hash([1])
except TypeError as e:
    print('TypeError:', e)
try:
    hash({})
except TypeError as e:
    print('TypeError:', e)
try:
    hash((1, [2]))
except TypeError as e:
    print('TypeError:', e)
print(hash(frozenset([1])) == hash(frozenset([1])), hash(None) == hash(None))
