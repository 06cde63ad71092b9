a = {1, 2, 3}
b = {3, 4}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b), 2 in a, 5 not in a, len(a))
a.add(10); a.discard(99); a.remove(1)
print(sorted(a), a <= {2, 3, 10, 11}, a < a, a == {10, 2, 3}, {1} != {2})
s = {x % 3 for x in range(10)}
print(sorted(s), set(), frozenset(), set([1, 1, 2]) == {1, 2})
f = frozenset([1, 2])
d = {f: "frozen"}
print(d[frozenset([2, 1])], sorted(f.union([3])), type(f).__name__, type(a).__name__)
try:
    set().pop()
except KeyError as e:
    print(e)
try:
    {[1]}
except TypeError as e:
    print(e)
print({1, 2}, {(1, 2)}, frozenset({5}))
