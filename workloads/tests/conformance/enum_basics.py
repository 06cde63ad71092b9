# CPython's enum module, run unchanged.
import enum
from enum import Enum, IntEnum, Flag, IntFlag, StrEnum, auto, unique

class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3

print(Color.RED, repr(Color.GREEN), Color(3), Color["RED"], Color.RED.name, Color.RED.value)
print(list(Color), len(Color), Color.RED in Color, Color.RED is Color(1))
print(isinstance(Color.RED, Color), type(Color.RED).__name__, type(Color).__name__)
try:
    Color(7)
except ValueError as e:
    print("ValueError", e)
try:
    Color.RED = 5
except AttributeError as e:
    print("AttributeError", e)

class Num(IntEnum):
    ONE = 1
    TWO = 2
print(Num.ONE + 1, Num.TWO * 3, Num(2), sorted([Num.TWO, Num.ONE]), f"{Num.ONE}", str(Num.TWO))

class Perm(Flag):
    R = auto()
    W = auto()
    X = auto()
rw = Perm.R | Perm.W
print(rw, Perm.R in rw, Perm.X in rw, [p.name for p in Perm], bool(Perm(0)), ~Perm.R)

class Bits(IntFlag):
    A = 1
    B = 2
print(Bits.A | Bits.B, int(Bits.A | 4), Bits(3))

class Mode(StrEnum):
    READ = auto()
    WRITE = "w"
print(Mode.READ, Mode.WRITE.upper(), Mode("w") is Mode.WRITE, Mode.READ == "read")

class Planet(Enum):
    EARTH = (5.97e24, 6.37e6)
    MARS = (6.42e23, 3.39e6)
    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius
    @property
    def gravity(self):
        return round(6.673e-11 * self.mass / (self.radius * self.radius), 2)
print(Planet.EARTH.gravity, Planet.MARS.mass)

try:
    @unique
    class Dup(Enum):
        A = 1
        B = 1
except ValueError as e:
    print("ValueError", e)

class Alias(Enum):
    A = 1
    B = 1
print(Alias.B is Alias.A, list(Alias), Alias.__members__.keys())
Animal = Enum("Animal", "ANT BEE CAT")
print(Animal.BEE, Animal.CAT.value, Animal.__name__)
print({Color.RED: "r"}[Color.RED], Color.RED == 1, hash(Color.RED) == hash(Color.RED))
import copy
print(copy.copy(Color.BLUE) is Color.BLUE, copy.deepcopy(Perm.R) is Perm.R)
