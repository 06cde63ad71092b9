# set operations: union, intersection, difference, symmetric difference, subsets.
a = {1, 2, 3, 4, 5}
b = {4, 5, 6, 7}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(b - a), sorted(a ^ b))
print(sorted(a.union(b, [10])), sorted(a.intersection([1, 2, 99])), sorted(a.difference({1}, {2})))
print(sorted(a.symmetric_difference([5, 6])))
print({1, 2} <= a, {1, 2} < a, a <= a, a < a, a >= {3}, a > b, {1, 2}.issubset([1, 2, 3]))
print(a.isdisjoint({8, 9}), a.isdisjoint(b), b.issuperset({6, 7}))
print(len(a), 3 in a, 30 in a, 30 not in a)
c = set()
print(c, type(c).__name__, len(c), bool(c), set() == set(), {1, 2} == {2, 1})
words = {'pear', 'apple', 'fig'}
print(sorted(words), sorted(words | {'kiwi'}), sorted(words, key=len))
print(sorted(set('mississippi')), len(set([1, 1.0, True])))
print(sorted({(1, 2), (1, 2), (2, 1)}))
try:
    {[1, 2]}
except TypeError as e:
    print('TypeError:', e)
try:
    a < [1]
except TypeError as e:
    print('TypeError:', e)
