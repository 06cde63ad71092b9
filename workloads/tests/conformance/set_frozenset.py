# frozenset: immutable, hashable, usable as dict keys and set members.
f = frozenset([3, 1, 2, 3])
print(sorted(f), len(f), 2 in f, type(f).__name__)
g = frozenset('abc')
print(sorted(g), sorted(f | {9}), type(f | {9}).__name__, type({9} | f).__name__)
print(f == {1, 2, 3}, f == frozenset({1, 2, 3}), hash(f) == hash(frozenset([1, 2, 3])))
groups = {frozenset({'a', 'b'}): 'ab', frozenset({'c'}): 'c'}
print(groups[frozenset(['b', 'a'])], frozenset('c') in groups)
nested = {frozenset({1}), frozenset({1}), frozenset({2, 3})}
print(len(nested), sorted(sorted(x) for x in nested))
try:
    f.add(4)
except AttributeError as e:
    print('AttributeError:', e)
print(frozenset(), repr(frozenset()), repr(frozenset([5])), repr(set()), repr({7}))
print(frozenset(range(3)).issubset(range(5)), sorted(frozenset([1, 2]).union([3])))
empty = frozenset()
print(bool(empty), len(empty), sorted(f.difference([1])))
