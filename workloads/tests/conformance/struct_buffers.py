# unpack, unpack_from, pack_into, iter_unpack and Struct on bytes and
# bytearray: offsets (negative too), buffer size errors, the Struct type.
import struct

data = bytes(range(1, 17))
print(struct.unpack("<4I", data), struct.unpack(">QQ", bytearray(data)))
for fmt, buf in [("i", b"abc"), ("<i", bytearray(b"abcd")), ("3i", b""),
                 ("i", "abcd"), ("i", 1234), ("", b""), ("", b"x")]:
    try:
        print(fmt, struct.unpack(fmt, buf))
    except Exception as e:
        print(fmt, type(e).__name__, e)

for off in [0, 1, 4, 5, 8, 9, -4, -8, -9, -1]:
    try:
        print(off, struct.unpack_from("<i", b"abcdefgh", off))
    except Exception as e:
        print(off, type(e).__name__, e)
print(struct.unpack_from("<h", buffer=b"\x01\x02\x03", offset=1))
print(struct.unpack_from("<h", b"\x01\x02"), struct.unpack_from("0s", b""))
for args, kw in [((), {}), (("i",), {}), (("i", b"abcd", 0, 1), {}),
                 (("i", b"abcd"), {"offset": 1.5}), (("i", b"abcd"), {"offset": 2**70}),
                 (("i", b"abcd"), {"bogus": 1}), (("0s", b"", 1), {})]:
    try:
        print(struct.unpack_from(*args, **kw))
    except Exception as e:
        print(type(e).__name__, e)

ba = bytearray(10)
for fmt, off, args in [("<i", 0, (1,)), ("<i", 6, (-1,)), ("<h", -2, (0x4142,)),
                       ("<i", 8, (1,)), ("<i", -2, (1,)), ("<i", -11, (1,)),
                       ("<i", 11, (1,)), ("<i", 0, ()), ("<i", 0, (1, 2)),
                       ("<i", 0, (2**40,)), ("<2s", 3, (b"xyz",))]:
    try:
        struct.pack_into(fmt, ba, off, *args)
        print(fmt, off, ba)
    except Exception as e:
        print(fmt, off, type(e).__name__, e)
for args in [("i", b"abcd", 0, 1), ("i", bytearray(4)), ("i",), ("i", bytearray(4), "0", 1)]:
    try:
        struct.pack_into(*args)
    except Exception as e:
        print(type(e).__name__, e)

print(list(struct.iter_unpack("<h", b"\x01\x00\x02\x00\x03\x00")))
print(list(struct.iter_unpack(">2B", bytearray(b"abcd"))), list(struct.iter_unpack("i", b"")))
for fmt, buf in [("i", b"abcdefg"), ("", b""), ("0s", b"abc"), ("i", "abcd")]:
    try:
        print(list(struct.iter_unpack(fmt, buf)))
    except Exception as e:
        print(type(e).__name__, e)
it = struct.iter_unpack("<B", b"\x05\x06")
print(next(it), next(it))
try:
    next(it)
except StopIteration:
    print("StopIteration")

s = struct.Struct("<ih")
print(s.format, s.size, s.pack(1, 2), s.unpack(s.pack(1, 2)))
print(s.unpack_from(b"\0" + s.pack(-1, -2), 1), s.unpack_from(buffer=s.pack(3, 4)))
target = bytearray(8)
s.pack_into(target, 1, 7, 8)
print(target, list(s.iter_unpack(s.pack(1, 2) * 2)))
print(struct.Struct(b">Q").format, struct.Struct(format="3s").size, type(s).__name__)
print(isinstance(s, struct.Struct), repr(s).startswith("<_struct.Struct object at 0x"))
for bad in [lambda: struct.Struct(1), lambda: struct.Struct(), lambda: struct.Struct("z"),
            lambda: s.pack(1), lambda: s.pack(x=1), lambda: s.unpack(), lambda: s.unpack(b"12"),
            lambda: s.unpack_from(), lambda: s.iter_unpack(b"123"),
            lambda: struct.Struct("0s").iter_unpack(b"")]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)

# Round trips through every code in one record.
rec = struct.Struct("<xcbB?hHiIlLqQefd5s4p")
vals = (b"z", -5, 250, True, -300, 60000, -70000, 4000000000, -1, 2**32 - 1,
        -2**63, 2**64 - 1, 1.5, 0.25, 1e100, b"hello", b"abc")
packed = rec.pack(*vals)
print(rec.size, packed.hex())
print(rec.unpack(packed) == vals)
nat = struct.Struct("@cbhilqnNPefd?")
nvals = (b"a", 1, 2, 3, 4, 5, 6, 7, 8, 0.5, 0.75, 0.125, False)
print(nat.size, nat.unpack(nat.pack(*nvals)) == nvals, nat.pack(*nvals).hex())
