# CPython's dataclasses, run unchanged.
from dataclasses import dataclass, field, asdict, astuple, replace, fields, FrozenInstanceError, InitVar
import importlib.machinery
from typing import List

@dataclass
class Point:
    x: int
    y: int = 0

@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0
    tags: tuple = ()

@dataclass
class Inventory:
    items: List[str] = field(default_factory=list)
    count: int = field(default=0, repr=False)
    scale: InitVar[int] = 1
    def __post_init__(self, scale):
        self.count *= scale

p = Point(1, 2)
print(p, Point(3), p == Point(1, 2), p != Point(2, 1))
print(asdict(p), astuple(p), replace(p, y=9), [f.name for f in fields(Point)])
v = Version(1, 2)
print(v, v < Version(1, 3), sorted([Version(2), Version(1, 5), Version(1)]), hash(v) == hash(Version(1, 2)))
try:
    v.major = 3
except FrozenInstanceError as e:
    print("FrozenInstanceError", e)
inv = Inventory(["a"], 2, scale=3)
print(inv, inv.count, Inventory().items is not Inventory().items)
try:
    Point()
except TypeError as e:
    print("TypeError", e)
try:
    @dataclass
    class Bad:
        a: int = 1
        b: int
except TypeError as e:
    print("TypeError", e)
print(importlib.machinery.all_suffixes()[:1], Point.__match_args__)
match p:
    case Point(x, y=2):
        print("matched", x)
