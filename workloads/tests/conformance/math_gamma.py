# gamma and lgamma (CPython's own Lanczos algorithm), erf and erfc.
import math

xs = [0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 4.5, 5.0, 6.0000001, 7.25, 10.0, 20.5, 23.0, 24.0, 30.3, 100.7, 140.5, 170.5, 171.6,
      -0.5, -1.5, -2.5, -10.3, -100.2, -150.6, -170.9, -180.3, -199.5, -200.5, 1e-10, -1e-10, 1e-25, -1e-25, 0.001, 5.9, 6.1]
for x in xs:
    out = []
    for f in (math.gamma, math.lgamma):
        try:
            out.append(repr(f(x)))
        except Exception as e:
            out.append(type(e).__name__ + ': ' + str(e))
    print(x, *out)
for x in [0.0, -0.0, -1.0, -2.0, -1e300, math.inf, -math.inf, math.nan, 172.0, 1e308, 2.0**60]:
    out = []
    for f in (math.gamma, math.lgamma):
        try:
            out.append(repr(f(x)))
        except Exception as e:
            out.append(type(e).__name__ + ': ' + str(e))
    print(x, *out)
print([math.erf(x) for x in [-3.0, -1.0, -0.1, 0.0, -0.0, 0.1, 0.5, 1.0, 2.0, 6.0, math.inf, -math.inf]])
print([math.erfc(x) for x in [-3.0, -1.0, -0.1, 0.0, 0.1, 0.5, 1.0, 2.0, 6.0, 27.0, 30.0, math.inf, -math.inf]])
print(math.isnan(math.erf(math.nan)), math.isnan(math.gamma(math.nan)), math.lgamma(-0.5), math.lgamma(3.5))
