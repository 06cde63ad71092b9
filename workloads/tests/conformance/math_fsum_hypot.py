# fsum is exactly rounded; hypot and dist are CPython's accurate norms.
import math

print(math.fsum([0.1] * 10), sum([0.1] * 10))
print(math.fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]))
print(math.fsum([1e-16, 1, 1e16]), math.fsum([1, 1e-16, 1e16]), math.fsum([]), math.fsum([-0.0]), math.fsum([-0.0, -0.0]))
print(math.fsum([math.inf, 1.0]), math.fsum([math.nan, 1.0]), math.fsum(iter([1, 2, 3])))
print(math.fsum([2.0 ** 53, -0.5, -2.0 ** -54]), math.fsum([2.0 ** 53, 1.0, 2.0 ** -100]), math.fsum([1.7976931348623157e308, -1e292, 1e292]))
x = 0.0
vals = []
for i in range(1, 400):
    x = (x * 7919.0 + i * 0.137) % 1000.0 - 500.0
    vals.append(x * 10.0 ** ((i % 21) - 10))
print(math.fsum(vals), math.fsum(vals[::-1]), math.fsum(sorted(vals)))
print(math.hypot(), math.hypot(-3), math.hypot(3, 4), math.hypot(1, 1), math.hypot(1, 2, 3, 4, 5))
print(math.hypot(1e308, 1e308), math.hypot(5e-324, 5e-324), math.hypot(1e-310, 3e-310, 4e-310), math.hypot(math.inf, math.nan),
      math.hypot(math.nan, 1), math.hypot(-0.0, 0.0), math.hypot(0.1, 0.2, 0.3))
vals2 = [abs(v) % 97.0 + 0.001 * i for i, v in enumerate(vals[:60])]
print([math.hypot(vals2[i], vals2[i + 1]) for i in range(0, 40, 2)])
print(math.hypot(*vals2), math.hypot(*vals[:100]))
print(math.dist((0, 0), (3, 4)), math.dist([1, 2, 3], [4, 6, 8]), math.dist((), ()), math.dist((1.5,), (-2.5,)), math.dist(iter([1, 1]), (2, 2)))
print(math.dist(vals2[:30], vals2[30:]))
for bad in [lambda: math.fsum([1e308, 1e308]), lambda: math.fsum([math.inf, -math.inf]), lambda: math.fsum([-math.inf, 1e308, 1e308]), lambda: math.fsum(['a']),
            lambda: math.fsum(5), lambda: math.dist([1], [1, 2]), lambda: math.dist(1, 2), lambda: math.hypot('a'),
            lambda: math.hypot(1, x=2), lambda: math.hypot(10**400)]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
