# complex: literals, construction, arithmetic, comparison, hashing, repr.
a = 1 + 2j
b = complex(3, -4)
print(a, b, 1j, -1j, 0j, -0j, complex(), complex(-0.0, 1), complex(0, -0.0))
print(type(a), type(a).__name__, isinstance(a, complex), a.real, a.imag)
print(a + b, a - b, a * b, a / b, b.conjugate(), -a, +a, abs(b))
print(a + 1, 1 + a, a * 2, 2 * a, a - 1.5, 1.5 - a, a / 2, 2 / a)
print(a ** 2, 2 ** a, a ** 0.5, a ** -1, (1j) ** 100, (1 + 1j) ** 3)
print(0j ** 0, pow(1j, 2), sum([1j, 2, 3.5]))
print(a == a, a == 1 + 2j, complex(3, 0) == 3, complex(3, 0) == 3.0, 3 == complex(3), a != b)
print(complex(2 ** 53 + 1, 0) == 2 ** 53 + 1, complex(2.0 ** 53, 0) == 2 ** 53)
print(hash(1j), hash(complex(3, 0)), hash(complex(1.5, 2.5)), hash(complex(-1, 0)))
d = {1j: "i", 3: "three", 2.5: "two and a half"}
print(d[complex(0, 1)], d[complex(3, 0)], d[complex(2.5)], {1, 1 + 0j, 1.0}, len({1j, 1j}))
print(bool(0j), bool(1j), bool(complex(0, -0.0)), not 0j)
print(complex("1+2j"), complex(" ( -1.5e3-2.5J ) "), complex("j"), complex("-j"), complex("1_0j"))
print(complex("inf"), complex("-infj"), complex("nan+nanj"), complex(" 3 "))
print(complex(1j, 1j), complex(1, 2j), complex(real=2, imag=3), complex(imag=2), complex(1.5))
print(repr(complex(1e16, 1e-5)), str(1e300j * 1e300j), complex(-1e-7, 12345678901234567.0))
print([x * 1j for x in range(3)], (1j,), {"k": 2j})
print(f"{a}", "%s" % (a,), format(a), str(a), repr(a))


class F:
    def __float__(self):
        return 2.5


class I:
    def __index__(self):
        return 3


class C:
    def __complex__(self):
        return 1 + 1j


print(complex(F()), complex(I()), complex(C()), complex(C(), 1))
for bad in ["1e", "1-", "(1", "1+2jj", "", "  ", "1__0", "_1", "1 + 2j", "j2"]:
    try:
        print(complex(bad))
    except ValueError as e:
        print("ValueError:", e)
for f in [
    lambda: complex(None),
    lambda: complex(1, "x"),
    lambda: complex("1", 2),
    lambda: complex(1, None),
    lambda: complex(1, 2, 3),
    lambda: complex(x=1),
    lambda: float(1j),
    lambda: int(1j),
    lambda: round(1j),
    lambda: 1j < 2j,
    lambda: 1j >= 1,
    lambda: 1j // 2,
    lambda: 1j % 2,
    lambda: 1j / 0,
    lambda: 1j / 0j,
    lambda: 0j ** -1,
    lambda: 0j ** 1j,
    lambda: (1e200 + 1e200j) ** 2,
    lambda: abs(complex(1e308, 1e308)),
    lambda: complex(10 ** 400),
    lambda: 1j + 10 ** 400,
    lambda: ~1j,
    lambda: 1j.conjugate(1),
    lambda: 1j.conjugate(x=1),
    lambda: complex.conjugate(1),
    lambda: [1, 2][a],
    lambda: 1j.foo,
    lambda: hash([1j]),
    lambda: "x" + 1j,
    lambda: complex(C, 1),
]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)
print(abs(complex(float("inf"), float("nan"))), abs(complex(3, 4)), abs(-0j))
print(1j.__complex__(), (1 + 2j).__getnewargs__(), complex.conjugate(2j))
print(sorted([3j, 1j, 2j], key=lambda z: z.imag), max([1j, 2j], key=abs))
for f in [lambda: divmod(1j, 2), lambda: divmod(2, 1j), lambda: pow(1j, 2, 3), lambda: pow(2, 2, 1j)]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)
