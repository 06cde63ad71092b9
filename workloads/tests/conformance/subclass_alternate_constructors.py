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
