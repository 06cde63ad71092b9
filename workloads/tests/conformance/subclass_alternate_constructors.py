# int.from_bytes, bytes.fromhex, bytearray.fromhex and dict.fromkeys
# called on a subclass make an instance of the subclass; int.__subclasses__.
class I(int):
    def __repr__(self):
        return "I(%d)" % self


v = I.from_bytes(b"\x01\x00", "big")
print(v, type(v).__name__, I.from_bytes(b"\x02", byteorder="little"))


class B(bytes):
    pass


print(B.fromhex("4142"), type(B.fromhex("41")).__name__)


class BA(bytearray):
    pass


print(BA.fromhex("43"), type(BA.fromhex("43")).__name__)


class D(dict):
    def __setitem__(self, key, value):
        super().__setitem__(key, (value, "set"))


d = D.fromkeys("ab", 1)
print(type(d).__name__, sorted(d.items()))


class Plain(dict):
    pass


print(type(Plain.fromkeys([1])).__name__, Plain.fromkeys([1, 2]))
print(type(dict.fromkeys([1])).__name__, type(int.from_bytes(b"\x01", "big")).__name__)
print(bool in int.__subclasses__(), I in int.__subclasses__())


class F(float):
    pass


for text in ("0x1p3", "-0x1.8p-1", " 0X1.FFFFFFFFFFFFFp1023 ", "0x1p-1074", "0x1.8p-1074",
             "0x3p-1076", "inf", "-nan", "1e", "0x.8", "0x10000000000000000000001p-10"):
    print(repr(float.fromhex(text)))
for text in ("", "0x", "0x1p", "1.2.3", "0x1q", "0x1p+-3"):
    try:
        float.fromhex(text)
    except ValueError as e:
        print("ValueError", e)
try:
    float.fromhex("0x1p1024")
except OverflowError as e:
    print("OverflowError", e)
print(F.fromhex("0x1.4p1"), type(F.fromhex("0x1p0")).__name__, float.fromhex("0x0p99999999999999999999"))
