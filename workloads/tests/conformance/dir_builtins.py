# dir() of the builtin types and their values lists their slot wrappers,
# what they inherit from object, and their data attributes. The names
# this runtime does not have yet (__doc__, __reduce__...) are left out of
# the comparison.
MISSING = {
    "__doc__", "__reduce__", "__reduce_ex__", "__sizeof__",
    "__getformat__",
    "__alloc__", "__bytes__", "fromhex", "format_map",
}

for t in [int, float, bool, str, list, tuple, dict, set, frozenset, object, complex]:
    names = [n for n in dir(t) if n not in MISSING]
    print(t.__name__, len(names))
    print(" ", names)

for v in [5, 1.5, True, "a", [1], (1,), {1: 2}, {1}, object(), 1j, bytearray(b"x")]:
    print(type(v).__name__, [n for n in dir(v) if n not in MISSING] == [n for n in dir(type(v)) if n not in MISSING])


class A:
    def f(self):
        pass


# __qualname__: this runtime keeps it in the class's namespace.
print([n for n in dir(A()) if n not in MISSING and n not in ("__dict__", "__module__", "__weakref__", "__qualname__")])
print("f" in dir(A), "__add__" in dir(int), "__add__" in dir(object))
print(list.__hash__, [].__hash__, dict.__hash__, {}.__hash__, set.__hash__, set().__hash__)
print(frozenset.__hash__ is None, frozenset({1}).__hash__() == hash(frozenset({1})))
print((1,).__hash__() == hash((1,)), True.__hash__(), (2.5).__hash__() == hash(2.5))
