# mappingproxy: a class's __dict__ (read-only, live), a builtin type's __dict__, and the type itself.
MappingProxyType = type(type.__dict__)
class A:
    x = 1
    def m(self): pass
d = A.__dict__
print(type(d).__name__, d["x"], "m" in d, len(d) > 2, sorted(k for k in d if not k.startswith("__")))
print(d.get("x"), d.get("nope", 5), sorted(d.keys())[:2] == sorted(A.__dict__.keys())[:2])
try:
    d["y"] = 2
except TypeError as e:
    print("TypeError", e)
A.y = 3
print(d["y"], vars(A)["y"])
print(type(type.__dict__).__name__, "append" in list.__dict__, "bit_length" in int.__dict__)
p = MappingProxyType({"a": 1})
print(p, repr(p), p["a"], list(p), list(p.items()), p.copy())
for bad in ([1], 5):
    try:
        MappingProxyType(bad)
    except TypeError as e:
        print("TypeError", e)
try:
    p["z"]
except KeyError as e:
    print("KeyError", e)
import sys
print(sys.version_info[:2], sys.version_info.major, sys.version_info.minor, sys.version_info >= (3, 8))
print(type(sys.implementation).__name__, sys.byteorder in ("little", "big"), type(sys.platform).__name__)
print(sys.intern("ab"), sys.getdefaultencoding(), sys.maxunicode, hex(sys.hexversion)[:6])
