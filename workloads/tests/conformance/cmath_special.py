# cmath's special values (C99 Annex G) and its errors.
import cmath
import math

inf, nan = math.inf, math.nan
parts = [-inf, -2.0, -0.0, 0.0, 2.0, inf, nan]
names = ['sqrt', 'exp', 'log', 'log10', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan',
         'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh']
for name in names:
    f = getattr(cmath, name)
    out = []
    for re in parts:
        for im in parts:
            try:
                out.append(repr(f(complex(re, im))))
            except (ValueError, OverflowError) as e:
                out.append(type(e).__name__[:5])
    print(name, ' '.join(out))
out = []
for r in parts:
    for phi in parts:
        try:
            out.append(repr(cmath.rect(r, phi)))
        except ValueError as e:
            out.append('Value')
print('rect', ' '.join(out))
print([cmath.polar(complex(re, im)) for re in parts for im in (inf, nan, 1.0)])
print([cmath.phase(complex(re, im)) for re in parts for im in parts])


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


class B:
    def __complex__(self):
        return 2


for case in [lambda: cmath.sqrt(), lambda: cmath.sqrt(1, 2), lambda: cmath.sqrt(z=1), lambda: cmath.sqrt('a'),
             lambda: cmath.sqrt(None), lambda: cmath.log(), lambda: cmath.log(1, 2, 3), lambda: cmath.log(1, 'a'),
             lambda: cmath.log(1, 1), lambda: cmath.log(0), lambda: cmath.log10(0j), lambda: cmath.phase(),
             lambda: cmath.polar(1, 2), lambda: cmath.rect(1), lambda: cmath.rect(1j, 1), lambda: cmath.rect(1, inf),
             lambda: cmath.polar(complex(1e308, 1e308)), lambda: cmath.isclose(1), lambda: cmath.isclose(1j, 1j, rel_tol=-1),
             lambda: cmath.isclose(1j, 'a'), lambda: cmath.exp(complex(1000, 1)), lambda: cmath.cosh(complex(1000, 1)),
             lambda: cmath.sinh(complex(-1000, 1)), lambda: cmath.atanh(1), lambda: cmath.atanh(-1), lambda: cmath.isnan(1, 2),
             lambda: cmath.isnan(x=1), lambda: cmath.exp(10**400), lambda: cmath.sqrt(B()), lambda: cmath.exp(710 + 0j),
             lambda: cmath.exp(709.9 + 0.1j), lambda: cmath.cosh(710.2 + 0.5j)]:
    show(case)
