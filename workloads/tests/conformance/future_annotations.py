"""PEP 563: annotations kept as strings, never evaluated."""
from __future__ import annotations
import typing

def f(a: Undefined, b: list[int] = None, *, c: "quoted" = 1) -> Tree | None:
    return a

class Tree:
    left: Tree | None
    right: Optional[Tree] = None
    size: int
    (paren): int = 3
    def grow(self, n: int) -> Tree:
        return self

print(f.__annotations__)
print(Tree.__annotations__, Tree.grow.__annotations__)
print(f(3), typing.get_type_hints(Tree.grow))
x: SomethingMissing = 5
print(__annotations__, x)
