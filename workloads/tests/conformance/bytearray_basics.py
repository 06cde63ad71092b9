# bytearray: construction, indexing, slicing, mutation, operators, errors, subclasses.
ba = bytearray(b"hello")
print(ba, len(ba), ba[0], ba[-1], ba[1:3], type(ba).__name__)
ba.append(33)
ba.extend(b" world")
ba.extend([65, 66])
print(ba)
ba[0] = 72
print(ba)
ba[1:3] = b"EL"
print(ba)
del ba[0]
print(ba)
del ba[::2]
print(ba)
print(ba.pop(), ba.pop(0), ba)
ba.insert(0, 120)
ba.insert(100, 121)
ba.remove(121)
print(ba, ba.copy(), ba.copy() is ba)
ba.reverse(); print(ba)
ba.clear(); print(ba, bool(ba))
x = bytearray(3); print(x)
print(bytearray("abc", "utf-8"), bytearray([1, 2, 255]), bytearray(), bytearray(b"ab") == b"ab", b"ab" == bytearray(b"ab"))
print(bytearray(b"ab") + b"cd", b"ab" + bytearray(b"cd"), bytearray(b"ab") * 2, 3 * bytearray(b"x"))
y = bytearray(b"ab"); z = y; y += b"cd"; print(y, z is y); y *= 2; print(y)
print(list(bytearray(b"abc")), 98 in bytearray(b"abc"), b"bc" in bytearray(b"abc"), b"b" in b"abc", 99 in b"abc")
print(bytearray(b"a,b,c").split(b","), bytearray(b"Hello").upper(), bytearray(b"  x ").strip())
print(bytes(bytearray(b"xyz")), bytearray(b"abc").decode(), bytearray(b"abc").hex())
print(bytearray(b"abc") < bytearray(b"abd"), bytearray(b"b") > b"a", sorted([bytearray(b"b"), bytearray(b"a")]))
print(bytearray.fromhex("de ad be ef"), bytes.fromhex("0a0b"))
for e in [lambda: hash(bytearray()), lambda: bytearray(b"a")[5], lambda: bytearray(b"a").pop(5), lambda: bytearray().pop(),
          lambda: bytearray(b"a").remove(5), lambda: bytearray(b"a").append(256), lambda: bytearray(b"a").append("x"),
          lambda: bytearray("x"), lambda: bytearray(-1), lambda: bytearray(b"a") + "x", lambda: {bytearray(): 1},
          lambda: bytearray([300]), lambda: bytearray(b"abc").__setitem__(slice(0, 3, 2), b"xyz"),
          lambda: bytearray(b"a")["x"], lambda: bytearray(b"a").extend("ab"), lambda: bytearray(b"a").extend(5)]:
    try:
        print(e())
    except Exception as ex:
        print(type(ex).__name__, ex)
class B(bytearray):
    def first(self):
        return self[0]
b = B(b"xyz")
print(b, len(b), b.first(), b.upper(), type(b.upper()).__name__, isinstance(b, bytearray))
b.append(65); print(b)
class C(bytearray):
    def __init__(self, n):
        super().__init__(b"q" * n)
        self.n = n
c = C(3); print(c, c.n)
print(bytearray.__len__(bytearray(b"ab")), bytearray(b"ab").__getitem__(1))
