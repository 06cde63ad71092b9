# Starred items in set displays ({a, *b}), and a non-iterable after * at module level.
a = [3, 1, 2]
print({0, *a}, {*a, *range(5, 8), 9}, {*"ab"} == {"a", "b"}, {*()})
tag, attrs = "t", {"x": 1, "y": 2}
q = {tag, *attrs}
print(sorted(q), len({*a, *a}))
try:
    {*5}
except TypeError as e:
    print("TypeError", e)
try:
    {*[[1]]}
except TypeError as e:
    print("TypeError", e)
try:
    [*5]
except TypeError as e:
    print(e)
try:
    (*5,)
except TypeError as e:
    print(e)
try:
    print(*5)
except TypeError as e:
    print(e)
