# Format strings: sizes and native alignment, repeat counts, whitespace,
# strings (s, p), chars, bools, padding, and the parse errors.
import struct

for fmt in ["", "x", "c", "b", "?", "h", "i", "l", "q", "n", "N", "P", "e", "f",
            "d", "ix", "xi", "bi", "bq", "hP", "3sd", "0i", "c0i", "c0l", "b0e",
            "?0d", "nc", "Nb", "ec", "s", "p", "10s", "3x", "2h3i", "i i",
            " i ", "\ti\n", "=bq", "<bq", ">bq", "!hd", "<l", "@l", "=L",
            "<10p", "100000000i"]:
    print(repr(fmt), struct.calcsize(fmt))

for fmt in ["z", "3", "2 i", "@@i", " <i", "<P", ">n", "=N", "i\0", "ii3",
            "99999999999999999999i", "9223372036854775807q", "<x%", "é"]:
    try:
        print(repr(fmt), struct.calcsize(fmt))
    except Exception as e:
        print(repr(fmt), type(e).__name__, e)

print(struct.pack("3s", b"abcdef"), struct.pack("5s", b"ab"), struct.pack("0s", b"ab"))
print(struct.pack("3s", bytearray(b"xy")), struct.unpack("4s", b"ab\0d"))
print(struct.pack("5p", b"abcdefg"), struct.pack("2p", b"abcd"), struct.pack("1p", b"a"))
print(struct.pack("4p", b""), struct.unpack("5p", b"\x09abcd"), struct.unpack("3p", b"\x01ab"))
print(struct.pack("300p", b"a" * 300)[:3], len(struct.pack("300p", b"a" * 300)))
print(struct.pack("0p", b"abc"))
print(struct.pack("c", b"z"), struct.unpack("3c", b"xyz"))
print(struct.pack("?", []), struct.pack("?", [0]), struct.pack("3?", 0, 2, "x"))
print(struct.unpack("4?", b"\x00\x01\x02\xff"), struct.unpack("<?", b"\x02"))
print(struct.pack("<bxh2x", 1, 2), struct.pack("@bxhi", 1, 2, 3))
print(struct.pack("<3h", 1, 2, 3), struct.unpack(">2i2h", bytes(range(12))))
print(struct.pack(b">i", 1), struct.calcsize(b"q"))

for fmt, args in [("c", (b"ab",)), ("c", ("a",)), ("c", (1,)), ("c", (bytearray(b"a"),)),
                  ("s", (1,)), ("5s", ("abc",)), ("p", (1,)), ("i", (1, 2)),
                  ("ii", (1,)), ("0s", ()), ("3x", (1,)), ("", (1,))]:
    try:
        print(fmt, struct.pack(fmt, *args))
    except Exception as e:
        print(fmt, type(e).__name__, e)

for bad in [1, None, bytearray(b"i"), 1.0]:
    try:
        struct.calcsize(bad)
    except Exception as e:
        print(type(e).__name__, e)
try:
    struct.pack()
except Exception as e:
    print(type(e).__name__, e)
try:
    struct.calcsize()
except Exception as e:
    print(type(e).__name__, e)
try:
    struct.unpack("0p", b"")
except Exception as e:
    print(type(e).__name__, e)
print(struct.error.__name__, struct.error.__module__, issubclass(struct.error, Exception))
print(sorted(struct.__all__))
struct._clearcache()
