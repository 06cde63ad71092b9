print("b starts")
from . import a
B = "b sees " + a.A1
try:
    print(a.A2)
except AttributeError as e:
    print("AttributeError", e)
try:
    from .a import A2
except ImportError as e:
    print("ImportError", str(e).replace(__file__.rsplit("/", 2)[0], "DIR"))
print("b ends")
