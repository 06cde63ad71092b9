# __length_hint__ of the builtin iterators, and operator.length_hint.
import operator

for it in (
    iter([1, 2, 3]),
    iter((1, 2)),
    iter(range(5)),
    iter(range(10, 0, -3)),
    iter(range(2**70, 2**70 + 6, 2)),
    iter({1: 2, 3: 4}),
    iter({1: 2}.values()),
    iter({1: 2}.items()),
    reversed([1, 2, 3]),
    iter("abcé"),
    iter({1, 2}),
    iter(b"xyz"),
    iter(bytearray(b"xy")),
):
    before = it.__length_hint__()
    next(it)
    print(type(it).__name__, before, it.__length_hint__(), operator.length_hint(it))

it = iter([1, 2, 3])
for _ in it:
    pass
print(it.__length_hint__(), operator.length_hint(it, 7))
grow = [1]
it = iter(grow)
grow.extend([2, 3, 4])
print(it.__length_hint__())
print(operator.length_hint([], 3), operator.length_hint((x for x in []), 9))
print(operator.length_hint(object(), 4), operator.length_hint(iter(range(0)), 4))


class Hinted:
    def __length_hint__(self):
        return 12


print(operator.length_hint(Hinted()), list(range(3)).__iter__().__length_hint__())
