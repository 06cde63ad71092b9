# circ.a and circ.b import each other.
print("a starts")
A1 = "a1"
from . import b
A2 = "a2 sees " + b.B
print("a ends")
