# math's integer functions: exact results on small and big ints.
import math

print(math.gcd(), math.gcd(12), math.gcd(-12), math.gcd(12, 18), math.gcd(-12, 18), math.gcd(0, 0), math.gcd(0, -7))
print(math.gcd(12, 18, 27), math.gcd(2**100, 6**50), math.gcd(3**200 * 2, 3**150 * 5), math.gcd(True, 4))
print(math.lcm(), math.lcm(-4), math.lcm(4, 6), math.lcm(-4, 6), math.lcm(4, 0, 6), math.lcm(2, 3, 4, 5))
print(math.lcm(2**64, 3**40), math.lcm(10**20, 15**10))
print([math.factorial(n) for n in range(12)], math.factorial(30), math.factorial(True))
print(len(str(math.factorial(1000))), math.factorial(100) % (10**9 + 7))
print(math.comb(5, 2), math.comb(10, 0), math.comb(10, 10), math.comb(3, 5), math.comb(100, 50), math.comb(10**20, 2))
print(math.perm(5), math.perm(5, 2), math.perm(5, None), math.perm(3, 5), math.perm(30, 10), math.perm(10**15, 3))
print([math.isqrt(n) for n in [0, 1, 3, 4, 15, 16, 17, 10**20, 10**20 - 1, 2**127]], math.isqrt(10**100 + 12345))
print(math.prod([]), math.prod([1, 2, 3, 4]), math.prod([2.5, 4]), math.prod(range(1, 25)), math.prod([2, 3], start=10))
print(math.prod([[1], 3]), math.prod(['ab'], start=2), math.prod(x for x in [1.5, 2, 2**70]))
for x in [1.5, -1.5, 2.0, -0.5, 1e20, -1e300, 2**70, True, 5]:
    print(math.floor(x), math.ceil(x), math.trunc(x), type(math.floor(x)).__name__)
print(math.log(2**1000), math.log(10**400), math.log(10**400, 10), math.log2(2**2000), math.log10(10**1000),
      math.log(3**1000, 3), math.log1p(10**20), math.log(True))
print(math.sqrt(2**100), math.exp(2**10 * 0 + 1), math.hypot(3, 4), math.hypot(2**60, 1), math.fsum([2**60, 1, -2**60]))
