# int and float methods: bit_length, bit_count, to_bytes/from_bytes,
# as_integer_ratio, conjugate, is_integer, hex, on subclasses too.
for n in [0, 1, 5, -5, 255, 256, 2 ** 64, -(2 ** 70) + 3, True]:
    print(n, n.bit_length(), n.bit_count(), n.as_integer_ratio(), n.conjugate())
print((1024).to_bytes(2, "big"), (1024).to_bytes(4, "little"), (-1).to_bytes(2, "big", signed=True), (0).to_bytes(0, "big"), (5).to_bytes())
print((2 ** 70).to_bytes(10, byteorder="little"), (-129).to_bytes(2, "little", signed=True), (127).to_bytes(1, "big", signed=True))
print(int.from_bytes(b"\x04\x00", "big"), int.from_bytes(b"\x04\x00", "little"), int.from_bytes(b"\xff\xff", "big", signed=True), int.from_bytes([1, 2, 3], "big"), int.from_bytes(b""), int.from_bytes(bytes=b"\x01", byteorder="little"))
for f in [1.5, -0.1, 0.0, -0.0, 1e300, 5e-324, 3.0, 0.75, float("inf"), float("nan"), 2.0 ** 60]:
    try:
        ratio = f.as_integer_ratio()
    except (ValueError, OverflowError) as e:
        ratio = type(e).__name__ + ": " + str(e)
    print(repr(f), f.is_integer(), f.hex(), ratio, f.conjugate())


class Flag(int):
    pass


class Metres(float):
    pass


print(Flag(6).bit_length(), Flag(6).to_bytes(2, "big"), Metres(2.0).is_integer(), Metres(0.5).as_integer_ratio(), Metres(0.5).hex())
for bad in [
    lambda: (256).to_bytes(1, "big"),
    lambda: (-1).to_bytes(1, "big"),
    lambda: (1).to_bytes(1, "middle"),
    lambda: (1).to_bytes(-1, "big"),
    lambda: int.from_bytes("ab", "big"),
    lambda: int.from_bytes([256], "big"),
    lambda: (1).bit_length(2),
    lambda: (1.5).is_integer(1),
    lambda: int.bit_length(1.5),
]:
    try:
        print(bad())
    except (ValueError, OverflowError, TypeError) as e:
        print(type(e).__name__ + ":", e)
