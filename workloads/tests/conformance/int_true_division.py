# int / int is correctly rounded whatever the ints' size (CPython's long_true_divide),
# including quotients beyond 2**53, huge ints whose ratio is small, and
# subnormal results; mixed int/float comparisons are exact.
import random
random.seed(5)
vals = [0, 1, -1, 3, -7, 2**53, 2**53 + 1, 2**54 + 3, 10**400, -10**399, 10**308, 2**1100, 3**700, 7**-0 * 12345678901234567890123]
out = []
for a in vals:
    for b in vals:
        try:
            out.append(repr(a / b))
        except ZeroDivisionError as e:
            out.append("ZDE")
        except OverflowError as e:
            out.append("OFE")
for _ in range(3000):
    a = random.getrandbits(random.randint(1, 200)) * random.choice((1, -1))
    b = random.getrandbits(random.randint(1, 200)) or 1
    out.append(repr(a / b))
for _ in range(500):
    a = random.getrandbits(random.randint(1, 60))
    b = random.getrandbits(random.randint(1100, 1150)) or 1
    out.append(repr(a / b))
import hashlib
print(len(out), hashlib.sha256(" ".join(out).encode()).hexdigest())
print(10**400 / 10**399, 2**1100 / 3**700, 1 / 2**1074, 1 / 2**1075, 3 / 2**1076)
for a, b in ((2**53 + 1, float(2**53)), (10**400, 1e308), (-(10**400), float("-inf")), (2**64, 1.8446744073709552e19)):
    print(a < b, a <= b, a == b, a != b, a > b, a >= b, b < a, b > a)
print(sorted([2**53 + 1, float(2**53), 2**53 - 1, float("inf"), 10**400]))
try:
    print(2**1100 / 1)
except OverflowError as e:
    print("OverflowError", e)
