# product, permutations, combinations, combinations_with_replacement.
from itertools import product, permutations, combinations, combinations_with_replacement as cwr

print(list(product("ab", range(2))), list(product()), list(product("ab", [])))
print(list(product(range(2), repeat=3)), list(product("ab", repeat=0)), list(product(repeat=2)))
print(list(product([1, 2], "x", (True, None))), len(list(product(range(4), repeat=4))))
print(list(product(iter([1, 2]), repeat=2)))
print(list(permutations("ABC")), list(permutations(range(4), 2))[:7])
print(list(permutations([])), list(permutations([], 0)), list(permutations("ab", 0)),
      list(permutations("ab", 3)), list(permutations("abc", None)), list(permutations(iterable="ab", r=1)))
print(len(list(permutations(range(6)))), len(list(permutations(range(7), 3))))
print(list(combinations("ABCD", 2)), list(combinations(range(4), 3)), list(combinations("ab", 0)),
      list(combinations("ab", 3)), list(combinations([], 0)), list(combinations(iterable="abc", r=2)))
print(len(list(combinations(range(10), 4))))
print(list(cwr("ABC", 2)), list(cwr([], 0)), list(cwr([], 1)), list(cwr("a", 3)), list(cwr("ab", 0)))
print(len(list(cwr(range(5), 3))))
p = product("ab", "cd")
print(next(p), next(p), list(p), list(p))
for f in [product, permutations, combinations, cwr]:
    x = f("abc", repeat=2) if f is product else f("abc", 2)
    print(type(x).__name__, repr(x).split(" at ")[0])
# Each result is a fresh tuple.
res = list(combinations([[1], [2], [3]], 2))
res[0][0].append(9)
print(res)
