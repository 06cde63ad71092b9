# The types of the builtin iterators, named as CPython 3.11 names them.
import collections.abc

cases = [
    ("iter(list)", iter([1])),
    ("reversed(list)", reversed([1, 2])),
    ("iter(tuple)", iter((1,))),
    ("reversed(tuple)", reversed((1, 2))),
    ("iter(range)", iter(range(3))),
    ("reversed(range)", reversed(range(3))),
    ("iter(big range)", iter(range(10**20))),
    ("reversed(big range)", reversed(range(10**20, 10**20 + 2))),
    ("iter(ascii str)", iter("ab")),
    ("iter(str)", iter("é")),
    ("reversed(str)", reversed("ab")),
    ("iter(dict)", iter({1: 2})),
    ("iter(keys)", iter({1: 2}.keys())),
    ("iter(values)", iter({1: 2}.values())),
    ("iter(items)", iter({1: 2}.items())),
    ("reversed(dict)", reversed({1: 2})),
    ("reversed(keys)", reversed({1: 2}.keys())),
    ("reversed(values)", reversed({1: 2}.values())),
    ("reversed(items)", reversed({1: 2}.items())),
    ("iter(set)", iter({1})),
    ("iter(frozenset)", iter(frozenset([1]))),
    ("iter(bytes)", iter(b"a")),
    ("iter(bytearray)", iter(bytearray(b"a"))),
    ("iter(callable)", iter(int, 1)),
]
for label, it in cases:
    t = type(it)
    print(f"{label:22} {t.__name__:26} {t!r:35} {isinstance(it, collections.abc.Iterator)}")

# The items are still right.
print(list(reversed([1, 2, 3])), list(reversed(range(4))), list(reversed({1: 2, 3: 4}.items())))
# One type per kind: two list iterators share it, a tuple iterator does not.
print(type(iter([])) is type(iter([1, 2])), type(iter([])) is type(iter(())))
print(type(reversed([])) is type(reversed([5])), type(iter("a")) is type(iter("é")))
# Error messages name the type.
try:
    iter([])[0]
except TypeError as e:
    print(e)
try:
    len(reversed([1]))
except TypeError as e:
    print(e)
try:
    type(iter([]))()
except TypeError as e:
    print("TypeError")
