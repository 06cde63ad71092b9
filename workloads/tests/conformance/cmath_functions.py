# cmath's functions on finite complex numbers, and its helpers.
import cmath
import math

zs = [0j, 1 + 0j, -1 + 0j, 1j, -1j, 1 + 1j, -2.5 + 0.5j, 0.3 - 0.7j, 3 + 4j, -1e-5 + 2j, 1e-310 + 1e-310j,
      1e300 + 1e300j, -1e308 - 1e308j, 700 + 1j, -800 + 2j, complex(0.0, -0.0), complex(-0.0, 0.0), 0.999 + 0.01j, 2, -3.5]
names = ['sqrt', 'exp', 'log', 'log10', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan',
         'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh']
for name in names:
    f = getattr(cmath, name)
    out = []
    for z in zs:
        try:
            out.append(repr(f(z)))
        except (ValueError, OverflowError) as e:
            out.append(type(e).__name__[:5])
    print(name, ' '.join(out))
print([cmath.phase(z) for z in zs])
print([cmath.polar(z) for z in zs[:12]])
print([cmath.rect(r, phi) for r, phi in [(1, 0), (1, -0.0), (2, math.pi / 2), (2, math.pi), (-1, 1), (0, 5), (3, -2.5)]])
print(cmath.log(8, 2), cmath.log(1j, 1j), cmath.log(-1, 10), cmath.log(100, 10 + 1j), cmath.log(3 + 4j, 2.5))
print(cmath.isfinite(1 + 1j), cmath.isinf(complex(1, math.inf)), cmath.isnan(complex(math.nan, 0)), cmath.isnan(3))
print(cmath.isclose(1 + 1j, 1 + 1.0000000001j), cmath.isclose(1j, 1.1j), cmath.isclose(1j, 1.1j, rel_tol=0.2),
      cmath.isclose(0j, 1e-10j, abs_tol=1e-9), cmath.isclose(a=1, b=1 + 0j))
print(cmath.pi, cmath.e, cmath.tau, cmath.inf, cmath.nan, cmath.infj, cmath.nanj)


class C:
    def __complex__(self):
        return 3 + 4j


class F:
    def __float__(self):
        return 2.25


class I:
    def __index__(self):
        return 9


print(cmath.sqrt(C()), cmath.sqrt(F()), cmath.sqrt(I()), cmath.exp(True), cmath.polar(C()))
