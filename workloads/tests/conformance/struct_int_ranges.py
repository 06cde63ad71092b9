# Every integer format under every byte order, at and past its bounds:
# CPython's packing and its three styles of range error.
import struct

VALUES = [0, 1, -1, 127, 128, -128, -129, 255, 256, 32767, 32768, -32769,
          65535, 65536, 2**31 - 1, 2**31, -2**31 - 1, 2**32 - 1, 2**32,
          2**63 - 1, 2**63, -2**63, -2**63 - 1, 2**64 - 1, 2**64, 2**70,
          -2**70, True]

for order in "@=<>!":
    for code in "bBhHiIlLqQnNP":
        if order != "@" and code in "nNP":
            continue
        fmt = order + code
        row = []
        for v in VALUES:
            try:
                b = struct.pack(fmt, v)
                back = struct.unpack(fmt, b)[0]
                row.append(b.hex() if back == v else "MISMATCH %r" % (back,))
            except struct.error as e:
                row.append("error: %s" % e)
        print(fmt, struct.calcsize(fmt))
        for v, r in zip(VALUES, row):
            print("  ", v, r)

for fmt in ["i", "<q", ">Q", "B"]:
    for bad in [1.5, "7", None, b"1"]:
        try:
            struct.pack(fmt, bad)
        except Exception as e:
            print(fmt, repr(bad), type(e).__name__, e)


class Index:
    def __init__(self, n):
        self.n = n

    def __index__(self):
        return self.n


print(struct.pack("<i", Index(7)), struct.pack(">H", Index(513)))
try:
    struct.pack("b", Index(1000))
except struct.error as e:
    print("error", e)
