# e, f and d under each byte order: round trips, half-float rounding to
# even, overflow, and what counts as a float.
import struct

for order in "@<>":
    for code in "efd":
        fmt = order + code
        for v in [0.0, -0.0, 1.0, -2.5, 0.1, 1 / 3, 65504.0, 1e-7, 6e-8,
                  2.98e-8, 3e-8, float("inf"), float("-inf"), 1e38, 3, True]:
            try:
                b = struct.pack(fmt, v)
                print(fmt, v, b.hex(), struct.unpack(fmt, b)[0])
            except Exception as e:
                print(fmt, v, type(e).__name__, e)
        b = struct.pack(fmt, float("nan"))
        print(fmt, "nan", b.hex(), struct.unpack(fmt, b)[0])

# Half floats: ties go to the even neighbour.
for v in [65519.0, 65520.0, 1.0 + 2**-11, 1.0 + 3 * 2**-11, 2048.0 + 1, 2048.0 + 3,
          5.960464477539063e-08, 2**-25, 2**-25 + 2**-40, 2**-24 * 1.5,
          2**-14 - 2**-25]:
    # The value is printed as the half it becomes (some inputs have
    # 17-digit reprs).
    try:
        print("e", struct.pack("<e", v).hex(), struct.unpack("<e", struct.pack("<e", v))[0])
    except OverflowError as e:
        print("e", "OverflowError", e)

for bits in ["0100", "ff03", "0004", "ff7b", "007c", "00fc", "007e", "0080"]:
    print(bits, struct.unpack("<e", bytes.fromhex(bits))[0])

for fmt, v in [("<f", 3.4028235e38), ("<f", 3.5e38), ("f", 3.5e38), ("<f", 10**39),
               ("e", 10**6), ("<e", 70000.0), ("d", 2**2000), ("f", "1.0"),
               ("d", None), ("d", 10**300)]:
    try:
        print(fmt, struct.pack(fmt, v).hex())
    except Exception as e:
        print(fmt, type(e).__name__, e)


class F:
    def __float__(self):
        return 2.5


class I:
    def __index__(self):
        return 5


print(struct.pack("<d", F()), struct.pack("<f", I()))
try:
    struct.pack("i", F())
except struct.error as e:
    print("error", e)
