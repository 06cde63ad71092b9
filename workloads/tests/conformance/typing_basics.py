# CPython's typing module, run unchanged: generics, protocols, NamedTuple, TypedDict.
import typing
from typing import (Any, Callable, Dict, Generic, List, NamedTuple, Optional, Protocol,
                    TypedDict, TypeVar, Union, runtime_checkable, get_type_hints, cast)

T = TypeVar("T")

class Box(Generic[T]):
    def __init__(self, item: T) -> None:
        self.item = item
    def get(self) -> T:
        return self.item

b = Box[int](3)
print(b.get(), Box[int], Box.__orig_bases__ if hasattr(Box, "__orig_bases__") else None, Box.__parameters__)
print(List[int], Dict[str, int], Optional[int], Union[int, str], Callable[[int], str])
print(typing.get_origin(List[int]), typing.get_args(Dict[str, int]))

@runtime_checkable
class Sized2(Protocol):
    def __len__(self) -> int: ...

print(isinstance(3, Sized2))

class Pt(NamedTuple):
    x: int
    y: int = 0

p = Pt(1)
print(p, p._replace(y=5), p._asdict(), Pt._fields, Pt.__annotations__)

class Movie(TypedDict):
    name: str
    year: int

m: Movie = {"name": "x", "year": 1}
print(m, Movie.__required_keys__ == frozenset({"name", "year"}))

def f(a: int, b: "str" = "") -> List[int]:
    return [a]
print(get_type_hints(f), cast(int, "s"))

class Node:
    next: Optional["Node"]
print(get_type_hints(Node))
print(typing.TYPE_CHECKING, Any, isinstance(Box(1), Box))
