# array.array: construction from each kind of initializer, every typecode's
# range errors, sequence operations, bytes round trips, struct on arrays.
import struct
from array import array, typecodes


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


print(typecodes)
for c in "bBhHiIlLqQ":
    size = array(c).itemsize
    for v in [2**70, -2**70, -1, 2**(size * 8), 2**(size * 8 - 1), 1.5, "1"]:
        t(lambda: array(c, [v]))
    t(lambda: array(c, [0, 1, 2**(size * 8 - 1) - 1]))
for c in "fd":
    t(lambda: array(c, [1, 2.5, True, -0.0]))
    t(lambda: array(c, ["x"]))
    t(lambda: array(c, [2**2000]))
t(lambda: array("u", "héllo"))
t(lambda: array("u", ["a", "bc"]))
t(lambda: array("z"))
t(lambda: array(1))
t(lambda: array("ii"))
t(lambda: array("i", b"abc"))
t(lambda: array("i", b"\x01\x00\x00\x00\x02\x00\x00\x00"))
t(lambda: array("h", bytearray(b"\x01\x02")))
t(lambda: array("i", "abc"))
t(lambda: array("d", range(3)))
t(lambda: array("b", array("h", [1, 2])))
t(lambda: array("i", (x * x for x in range(5))))

a = array("i", [1, 2, 3])
print(a, len(a), a[0], a[-1], a[1:], a[::-1], a[::2], a.typecode, a.itemsize)
t(lambda: a[5])
t(lambda: a["x"])
a.append(4)
a.extend([5, 6])
a.extend(array("i", [7]))
print(a, a.tolist(), list(a), 3 in a, 9 in a, a.index(3), a.count(3))
t(lambda: a.extend(array("b")))
t(lambda: a.append("x"))
t(lambda: a.extend([1, "x"]))
print(a)
print(a.pop(), a.pop(0), a, a.pop(-2), a)
a.insert(0, 10)
a.insert(100, 11)
a.insert(-100, 12)
a.remove(3)
print(a)
a.reverse()
print(a)
a[0] = 99
a[1:3] = array("i", [7, 7, 7])
del a[-1]
print(a)
del a[::2]
print(a)
t(lambda: a.__setitem__(slice(0, 2), [1, 2]))
t(lambda: a.__setitem__(0, 2**40))
t(lambda: a.__setitem__(50, 1))
t(lambda: a.index(12345))
t(lambda: a.remove(12345))
t(lambda: array("i").pop())
print(a + array("i", [1]), a * 2, 2 * array("b", [1]), array("d") == array("d"))
t(lambda: a + array("b"))
t(lambda: a + [1])
b = array("h", [1, 2])
b += array("h", [3])
b *= 2
print(b, b == array("h", [1, 2, 3, 1, 2, 3]), b == array("i", [1, 2, 3, 1, 2, 3]), b != a)
print(array("i", [1, 2]) < array("i", [1, 3]), array("i", [2]) > array("i", [1, 9]))

raw = array("H", [1, 258, 65535]).tobytes()
print(raw, array("H", raw), struct.unpack("<3H", array("H", [1, 2, 3])))
c = array("I", [1])
c.frombytes(b"\x02\x00\x00\x00")
t(lambda: c.frombytes(b"abc"))
c.byteswap()
print(c, bytes(array("b", [1, -1])), bytearray(array("B", [65, 66])))
d = array("q", [-1, 2**62])
print(d, struct.unpack("<2q", d), array("d", [0.5]).tobytes().hex())
print(array("u", "ab"), array("f", [0.1])[0], array("b"), repr(array("u")))
ab = array("b", [97, 98])
print(b"x" + ab, bytearray(b"y") + ab, b"ab" == ab, bytearray(b"ab") == ab)
