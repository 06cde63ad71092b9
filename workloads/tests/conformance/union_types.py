# PEP 604 unions: int | str, with None, aliases, isinstance and equality.
import types

u = int | str
print(u, type(u).__name__, type(u))
print(u.__args__)
print(int | None, None | int)
print(int | str | int, (int | str) | (str | float))
print(int | int)
print(list[int] | None)
print(isinstance(3, int | str), isinstance(3.0, int | str), isinstance(None, int | None))
print(issubclass(bool, int | str), issubclass(float, int | str))
print((int | str) == (str | int), (int | str) == (int | float))
print(hash(int | str) == hash(str | int))
print(isinstance(u, types.UnionType))


class A:
    pass


print(A | None)
try:
    None | None
except TypeError as e:
    print(type(e).__name__, e)
try:
    int | 3
except TypeError as e:
    print(type(e).__name__, e)
d = {int | str: "x"}
print(d[str | int])
