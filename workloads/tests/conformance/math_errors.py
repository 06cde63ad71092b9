# math's errors: domain and range errors, wrong types and arities, dunders.
import math


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


class Floaty:
    def __float__(self):
        return 2.5


class Indexy:
    def __index__(self):
        return 7


class BadFloat:
    def __float__(self):
        return 1


class Rounder:
    def __floor__(self):
        return 'floor!'

    def __ceil__(self):
        return 'ceil!'

    def __trunc__(self):
        return 'trunc!'


class MyFloat(float):
    pass


class MyInt(int):
    pass


cases = [
    lambda: math.sqrt(-1), lambda: math.sqrt(-math.inf), lambda: math.log(0), lambda: math.log(-1), lambda: math.log(0.0),
    lambda: math.log(-2**2000), lambda: math.log(8, 1), lambda: math.log(8, 0), lambda: math.log2(0), lambda: math.log10(-5),
    lambda: math.exp(1000), lambda: math.exp2(1025), lambda: math.expm1(800), lambda: math.cosh(1000), lambda: math.sinh(-1000),
    lambda: math.atanh(1), lambda: math.acos(2), lambda: math.asin(-1.5), lambda: math.acosh(0.5), lambda: math.log1p(-1),
    lambda: math.sin(math.inf), lambda: math.cos(-math.inf), lambda: math.tan(math.inf),
    lambda: math.pow(0, -1), lambda: math.pow(-1, 0.5), lambda: math.pow(10, 400), lambda: math.pow(0.0, -math.inf),
    lambda: math.fmod(1, 0), lambda: math.fmod(math.inf, 1), lambda: math.fmod(5, math.inf), lambda: math.remainder(1, 0),
    lambda: math.remainder(math.inf, 2), lambda: math.ldexp(1.0, 2000), lambda: math.ldexp(1.0, 10**30), lambda: math.ldexp(1.0, 2.0),
    lambda: math.atan2('a', 1), lambda: math.sqrt('a'), lambda: math.sqrt(1j), lambda: math.sqrt(None), lambda: math.sqrt(10**400),
    lambda: math.sqrt(), lambda: math.sqrt(1, 2), lambda: math.sqrt(x=1), lambda: math.atan2(1), lambda: math.atan2(1, x=2),
    lambda: math.pow(1, 2, 3), lambda: math.log(), lambda: math.log(1, 2, 3), lambda: math.log(x=1), lambda: math.gcd(1.5),
    lambda: math.gcd(1, x=2), lambda: math.lcm('a'), lambda: math.factorial(-1), lambda: math.factorial(1.5),
    lambda: math.factorial(10**30), lambda: math.factorial(), lambda: math.comb(1), lambda: math.comb(-1, 2),
    lambda: math.comb(1, -2), lambda: math.comb(-1, -2), lambda: math.comb(1.0, 2), lambda: math.perm(), lambda: math.perm(1, 2, 3),
    lambda: math.perm(1, -1), lambda: math.isqrt(-1), lambda: math.isqrt(2.0), lambda: math.trunc('a'), lambda: math.floor('a'),
    lambda: math.ceil(None), lambda: math.floor(math.inf), lambda: math.ceil(-math.inf), lambda: math.trunc(math.nan),
    lambda: math.prod(), lambda: math.prod([1], 2), lambda: math.prod([1], x=2), lambda: math.prod(['a', 'b']),
    lambda: math.isclose(1), lambda: math.isclose(1, 2, 3), lambda: math.isclose(1, 1, x=2), lambda: math.isclose(1, 1, rel_tol=-1),
    lambda: math.isclose(1, 1, abs_tol=-1), lambda: math.isclose('a', 1), lambda: math.isclose(1, a=1), lambda: math.isclose(b=1),
    lambda: math.nextafter(1), lambda: math.frexp('a'), lambda: math.modf(None), lambda: math.gamma(0), lambda: math.gamma(-3),
    lambda: math.gamma(180), lambda: math.lgamma(0), lambda: math.lgamma(1e308), lambda: math.copysign(1),
    lambda: math.sqrt(Floaty()), lambda: math.sqrt(Indexy()), lambda: math.sqrt(BadFloat()), lambda: math.sqrt(MyFloat(6.25)),
    lambda: math.floor(Floaty()), lambda: math.ceil(Indexy()), lambda: math.trunc(Floaty()), lambda: math.floor(Rounder()),
    lambda: math.ceil(Rounder()), lambda: math.trunc(Rounder()), lambda: math.floor(MyFloat(2.5)), lambda: math.ceil(MyInt(7)),
    lambda: math.trunc(MyFloat(-2.5)), lambda: math.factorial(Indexy()), lambda: math.gcd(Indexy(), 21), lambda: math.isqrt(MyInt(50)),
    lambda: math.comb(Indexy(), 3), lambda: math.log(MyInt(100), 10), lambda: math.ldexp(1.0, MyInt(3)), lambda: math.hypot(Floaty(), Indexy()),
    lambda: math.fsum([Floaty(), Indexy(), MyFloat(0.5)]), lambda: math.pow(MyInt(2), Floaty()), lambda: math.isclose(Floaty(), 2.5),
]
for case in cases:
    show(case)
