# map, zip, filter, enumerate and reversed are types: isinstance, type(),
# __name__, subclassing with overridden methods and constructor arguments.
for t in (map, zip, filter, enumerate, reversed):
    print(t, t.__name__, t.__qualname__, t.__module__, type(t), isinstance(t, type))

print(isinstance(map(abs, []), map), type(map(abs, [])))
print(isinstance(zip(), zip), type(zip()))
print(isinstance(filter(None, []), filter), type(filter(None, [])))
print(isinstance(enumerate([]), enumerate), type(enumerate([])))
print(isinstance(reversed((1, 2)), reversed), type(reversed("ab")).__name__)
print(isinstance(reversed([1]), reversed))
print(list(reversed((1, 2, 3))), list(reversed("abc")))
m = map(str, [1, 2])
print(iter(m) is m, next(m), list(m), list(m))


class M(map):
    def __next__(self):
        return super().__next__() * 10


print(list(M(abs, [-1, 2])), issubclass(M, map), [c.__name__ for c in M.__mro__])
print(isinstance(M(abs, []), map), type(M(abs, [])).__name__)


class Z(zip):
    pass


print(list(Z([1, 2], [3, 4])), type(Z([], [])).__name__)
print(list(Z([1, 2], "ab", strict=True)))


class E(enumerate):
    def __init__(self, it, start=0):
        self.extra = start * 2


e = E("ab", 5)
print(list(e), E("a", 3).extra, e.__dict__)


class F(filter):
    label = "f"


print(list(F(None, [0, 1, 2, "", "x"])), F.label)


class R(reversed):
    pass


print(list(R((1, 2, 3))), type(R("ab")).__name__, list(R([1, 2, 3])))

print(enumerate("ab", start=3).__next__(), map.__next__(map(len, ["abc"])))
try:
    list(zip([1], [1, 2], strict=True))
except ValueError as err:
    print("ValueError", err)
for call in (lambda: map(), lambda: map(abs), lambda: enumerate(), lambda: reversed(5),
             lambda: filter(None), lambda: zip(5)):
    try:
        call()
    except TypeError as err:
        print("TypeError", err)
print(sorted(map(lambda x: -x, range(5))), dict(zip("ab", range(2))))
print([i for i, _ in enumerate(filter(None, [0, 1, 0, 2]))])
