# A huge int as a dict or set key hashes from its bits (its decimal digits,
# millions of them, took seconds to produce).
x = 1 << 2 ** 25
d = {x: "huge"}
print(len(d), d[1 << 2 ** 25], x in {x}, (x + 1) in d)
d = {2 ** 70: "a", -(2 ** 70): "c", 2 ** 70 + 1: "d"}
print(len(d), d[2 ** 70], d[-(2 ** 70)], d[2 ** 70 + 1], -(2 ** 70) in {2 ** 70})
class F(int):
    pass
print({2 ** 80: 1}[F(2 ** 80)], F(2 ** 80) in {2 ** 80})
