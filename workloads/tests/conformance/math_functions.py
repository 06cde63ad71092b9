# math's float functions: values, signed zeros, infinities and NaN.
import math

inf, nan = math.inf, math.nan
values = [0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 2.0, 3.7, -3.7, 10.0, 1e-300, 1e300, 710.0, -745.5, 1e-320, inf, -inf, nan]
names = ['sqrt', 'exp', 'exp2', 'expm1', 'log1p', 'cbrt', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan',
         'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh', 'fabs', 'erf', 'erfc', 'degrees', 'radians',
         'log', 'log2', 'log10', 'ulp']
for name in names:
    f = getattr(math, name)
    out = []
    for x in values:
        try:
            out.append(repr(f(x)))
        except (ValueError, OverflowError) as e:
            out.append(type(e).__name__[:5])
    print(name, ' '.join(out))

for x in [0.1, 0.7, 1.3, 2.5, 5.5, 100.25, 1234.5]:
    print(x, math.sin(x), math.cos(x), math.tan(x), math.exp(x / 10), math.log(x), math.atan(x))

pairs = [(1.0, 2.0), (-1.0, 2.0), (0.0, -0.0), (-0.0, -0.0), (2.0, -0.0), (inf, 1.0), (1.0, inf), (-inf, -inf),
         (nan, 1.0), (1.0, nan), (5.5, 2.0), (-7.25, 3.0), (1e308, 1e-308), (0.0, 0.0), (3.0, 0.0)]
for name in ['atan2', 'copysign', 'fmod', 'remainder', 'pow', 'nextafter', 'hypot']:
    f = getattr(math, name)
    out = []
    for x, y in pairs:
        try:
            out.append(repr(f(x, y)))
        except (ValueError, OverflowError) as e:
            out.append(type(e).__name__[:5])
    print(name, ' '.join(out))

print([math.remainder(x, 2.0) for x in [1.0, 3.0, 5.0, -5.0, 2.5, 1e300]])
print([math.pow(x, y) for x, y in [(-2.0, 3.0), (-2.0, 2.0), (-inf, 3.0), (-inf, -3.0), (-inf, 2.0), (nan, 0.0), (1.0, nan), (0.5, inf), (0.5, -inf), (-1.0, inf)]])
print(math.frexp(8.0), math.frexp(-0.1), math.frexp(5e-324), math.frexp(0.0), math.frexp(-inf), math.frexp(1e308))
print(math.ldexp(0.5, 4), math.ldexp(1.0, -1074), math.ldexp(0.75, -1074), math.ldexp(1.0, -1080), math.ldexp(-0.0, 5),
      math.ldexp(inf, -5), math.ldexp(3.0, True), math.ldexp(1.0, 10**30 * 0), math.ldexp(1.0, -10**30))
print(math.modf(3.5), math.modf(-3.5), math.modf(-2.0), math.modf(inf), math.modf(-inf), math.modf(0.0))
print(math.isfinite(1.0), math.isfinite(inf), math.isinf(-inf), math.isinf(nan), math.isnan(nan), math.isnan(1))
print(math.ulp(1.0), math.ulp(-0.0), math.ulp(1.7976931348623157e308), math.ulp(5e-324), math.ulp(1e300))
print(math.nextafter(1.0, 2.0), math.nextafter(1.0, 0.0), math.nextafter(0.0, -1.0), math.nextafter(-0.0, 1.0))
print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan)
print(math.exp(1), math.log(10), math.log(8, 2), math.log(100, 10), math.log(2, 0.5), math.log10(1000), math.log2(1024))
print(math.degrees(math.pi), math.radians(180), math.degrees(1), math.radians(1))
print(math.isclose(1.0, 1.0 + 1e-10), math.isclose(1.0, 1.1), math.isclose(1.0, 1.1, rel_tol=0.2),
      math.isclose(0.0, 1e-10), math.isclose(0.0, 1e-10, abs_tol=1e-9), math.isclose(inf, inf),
      math.isclose(inf, -inf), math.isclose(nan, nan), math.isclose(a=2, b=2.0000000001))
