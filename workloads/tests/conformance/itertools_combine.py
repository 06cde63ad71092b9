# accumulate, chain, compress, dropwhile, filterfalse, takewhile, islice,
# pairwise, starmap, zip_longest: values, laziness and what they consume.
import operator
from itertools import (accumulate, chain, compress, dropwhile, filterfalse,
                       islice, pairwise, starmap, takewhile, zip_longest, count)

print(list(accumulate([1, 2, 3, 4, 5])), list(accumulate([])), list(accumulate([7])))
print(list(accumulate([1, 2, 3, 4], operator.mul)), list(accumulate([3, 1, 4, 1, 5], max)))
print(list(accumulate([1, 2, 3], initial=100)), list(accumulate([], initial=100)))
print(list(accumulate("abc")), list(accumulate([[1], [2], [3]])))
print(list(accumulate([1, 2, 3], func=lambda a, b: a * 10 + b, initial=None)))
print(list(accumulate(iterable=[1, 2], func=operator.sub, initial=10)))

print(list(chain()), list(chain([1, 2], (3,), "ab", range(2), {5: 0})))
print(list(chain.from_iterable(["ab", [1], ()])), list(chain.from_iterable(iter([]))))
print(list(islice(chain.from_iterable(repeat_ for repeat_ in (range(3) for _ in count())), 7)))
c = chain([1], [2])
print(next(c), list(c), list(c))
print(type(chain()).__name__, repr(chain()).split(" at ")[0], type(chain.from_iterable([])).__name__)

print(list(compress("ABCDEF", [1, 0, 1, 0, 1, 1])), list(compress("ABC", [0, 1])),
      list(compress(range(10), count())), list(compress(data=[1, 2], selectors=[True, False])))
print(list(dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(dropwhile(bool, [])))
print(list(takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(takewhile(bool, [0, 1])))
it = iter([1, 2, 3, 10, 4, 5])
print(list(takewhile(lambda x: x < 5, it)), list(it))
print(list(filterfalse(lambda x: x % 2, range(10))), list(filterfalse(None, [0, 1, "", "a", None, []])))

print(list(islice("ABCDEFG", 2)), list(islice("ABCDEFG", 2, 4)), list(islice("ABCDEFG", 2, None)),
      list(islice("ABCDEFG", 0, None, 2)), list(islice("ABCDEFG", None)), list(islice("ABCDEFG", None, None, None)))
print(list(islice(range(10), 1, 9, 3)), list(islice(range(10), 5, 3)), list(islice(range(10), 0, 0)),
      list(islice(range(10), 20, 30)), list(islice(count(), 3, 12, 4)))
it = iter(range(10))
print(list(islice(it, 5, 3)), list(it))
it = iter(range(10))
print(list(islice(it, 0, 5, 3)), list(it))
it = iter(range(10))
print(list(islice(it, 2)), list(islice(it, 2)), list(it))
it = iter(range(3))
s = islice(it, 10)
print(list(s), list(s), type(s).__name__)
print(list(islice(islice(count(), 2, 50), 3, 20, 5)))
s = islice(range(10), True, 7, True)
print(list(s))

print(list(pairwise("ABCDE")), list(pairwise("A")), list(pairwise([])), list(pairwise(range(3))))
print(list(starmap(pow, [(2, 5), (3, 2), (10, 3)])), list(starmap(max, ["ab", [3, 1]])),
      list(starmap(lambda *a: a, [(), (1,), iter([2, 3])])))
print(list(zip_longest("ABCD", "xy", fillvalue="-")), list(zip_longest()), list(zip_longest("ab")),
      list(zip_longest([1], [2, 3], [], fillvalue=None)), list(zip_longest(range(2), count(), [0])) if False else "")
z = zip_longest([1, 2], [3])
print(next(z), next(z), list(z), list(z))
print(list(zip_longest([], [], fillvalue=0)), list(zip_longest(fillvalue=0)))


class Boom:
    def __init__(self):
        self.n = 0

    def __iter__(self):
        return self

    def __next__(self):
        self.n += 1
        if self.n == 2:
            raise KeyError("boom")
        return self.n


z = zip_longest([1, 2, 3], Boom())
print(next(z))
try:
    next(z)
except KeyError as e:
    print("KeyError", e)
print(list(z))
for f in [accumulate, chain, compress, dropwhile, filterfalse, islice, pairwise, starmap, takewhile, zip_longest]:
    print(f.__name__, repr(f).replace("<class '", "").replace("'>", ""))
