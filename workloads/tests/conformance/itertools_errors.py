# The argument errors of every itertools constructor, and errors raised
# while iterating (CPython's types and messages).
from itertools import *
import itertools


def show(f):
    try:
        r = f()
        if hasattr(r, "__next__"):
            r = list(islice(r, 4))
        print(r)
    except Exception as e:
        print(type(e).__name__, e)


for f in [
    lambda: count("a"), lambda: count(1, "a"), lambda: count(None), lambda: count(1, 2, 3),
    lambda: count(x=1), lambda: count(1, start=2),
    lambda: repeat(), lambda: repeat(1, 2, 3), lambda: repeat(1, 2.5), lambda: repeat(1, "3"),
    lambda: repeat(1, 2**70), lambda: repeat(1, x=2), lambda: repeat(times=2),
    lambda: cycle(), lambda: cycle(1), lambda: cycle([], x=1), lambda: cycle([1], [2]),
    lambda: chain(1), lambda: chain(x=1), lambda: chain.from_iterable(), lambda: chain.from_iterable(1),
    lambda: chain.from_iterable([1]), lambda: chain([1], 2),
    lambda: islice(), lambda: islice([]), lambda: islice([], 1, 2, 3, 4), lambda: islice([], x=1),
    lambda: islice([], -1), lambda: islice([], "a"), lambda: islice([], 1.0), lambda: islice([], "a", 2),
    lambda: islice([], -1, 2), lambda: islice([], 1, -2), lambda: islice([], 1, 2**100),
    lambda: islice([], 2**100, 1), lambda: islice([], 0, 1, 0), lambda: islice([], 0, 1, -1),
    lambda: islice([], 0, 1, "a"), lambda: islice([], 0, 1, 2**100), lambda: islice(3, 1), lambda: islice(3, -1),
    lambda: product(1), lambda: product([1], repeat=-1), lambda: product([1], x=1),
    lambda: product([1], repeat=2.0), lambda: product([1], repeat="2"),
    lambda: permutations(), lambda: permutations(1), lambda: permutations([1], -1),
    lambda: permutations([1], "a"), lambda: permutations([1], 1.0), lambda: permutations([1], 2, 3),
    lambda: permutations([1], x=3), lambda: permutations([1], r=2**70),
    lambda: combinations([1]), lambda: combinations([1], -1), lambda: combinations([1], "a"),
    lambda: combinations(1, 1), lambda: combinations([1], 1, 2), lambda: combinations(r=1),
    lambda: combinations_with_replacement([1]), lambda: combinations_with_replacement([1], -1),
    lambda: combinations_with_replacement([1], None),
    lambda: zip_longest(1), lambda: zip_longest([1], x=1), lambda: zip_longest([1], 2),
    lambda: accumulate(), lambda: accumulate(1), lambda: accumulate([1], x=1), lambda: accumulate([1, 2], 1),
    lambda: accumulate([1], 2, 3), lambda: accumulate([1, "a"]), lambda: accumulate([1], func=None, initial=None, x=1),
    lambda: starmap(), lambda: starmap(pow), lambda: starmap(pow, 1), lambda: starmap(pow, [], x=1),
    lambda: starmap(pow, [1]), lambda: starmap(lambda a, b: a, [(2,)]), lambda: starmap(1, [()]),
    lambda: compress(), lambda: compress([1]), lambda: compress(1, [1]), lambda: compress([1], 1),
    lambda: compress([1], [1], [1]), lambda: compress([1], [1], x=1),
    lambda: dropwhile(), lambda: dropwhile(None, [1]), lambda: dropwhile(bool, [1], x=1), lambda: dropwhile(bool, 1),
    lambda: takewhile(bool), lambda: takewhile(bool, 1), lambda: takewhile(None, [1]),
    lambda: filterfalse(None), lambda: filterfalse(x=1), lambda: filterfalse(None, 1), lambda: filterfalse(1, [1]),
    lambda: groupby(), lambda: groupby(1), lambda: groupby([1], None, 3), lambda: groupby([1], y=3),
    lambda: groupby([1, 2], key=1), lambda: groupby([1], key=len),
    lambda: pairwise(), lambda: pairwise(1), lambda: pairwise([1], [2]), lambda: pairwise(iterable=[1]),
    lambda: tee(), lambda: tee(1), lambda: tee([1], -1), lambda: tee([1], "a"), lambda: tee([1], 2.0),
    lambda: tee([1], n=2), lambda: tee([1], 2, 3), lambda: tee(1, 0),
    lambda: len(count()), lambda: count()[0], lambda: next(repeat(1, 0)),
    lambda: next(iter(chain())), lambda: next(cycle([])),
]:
    show(f)


class Bad:
    def __iter__(self):
        raise OSError("no iter")


for name in ["chain", "islice", "product", "permutations", "zip_longest", "accumulate"]:
    f = getattr(itertools, name)
    try:
        list(f(Bad(), 1) if name in ("islice", "permutations") else f(Bad()))
    except OSError as e:
        print(name, type(e).__name__, e)
