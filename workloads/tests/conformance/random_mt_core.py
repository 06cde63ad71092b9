# _random.Random: CPython's Mersenne Twister, seeded from ints of any
# size and sign, from floats (by their hash), and its state round trip.
import _random

R = _random.Random
print(R, R.__name__)

SEEDS = [0, 1, 5, -5, 12345, 2**31, 2**32 - 1, 2**32, -(2**32), 2**64 + 3,
         -(2**100) - 7, 10**50, 3**400, True, False, 2.0, -1.5, 1.5, 0.0, 1e300]
for s in SEEDS:
    r = R(s)
    print(repr(s)[:40], [r.random() for _ in range(3)], r.getrandbits(32))

# seed() again replaces the state; __init__ seeds too.
r = R(1)
r.seed(99)
a = [r.random() for _ in range(4)]
r.seed(99)
print(a == [r.random() for _ in range(4)], a)
r.__init__(7)
print(r.random() == R(7).random())

# Past the first 624 words: the state is regenerated.
r = R(2024)
xs = [r.getrandbits(32) for _ in range(1300)]
print(xs[:3], xs[623:626], xs[-3:], sum(xs) % 1000003)

# getrandbits for many widths: words filled from the least significant,
# the last word keeping its high bits.
r = R(42)
for k in [0, 1, 2, 7, 8, 31, 32, 33, 53, 63, 64, 65, 96, 100, 127, 128, 129, 1000]:
    v = r.getrandbits(k)
    print(k, v, v.bit_length() <= k)
print(R(3).getrandbits(10000) % (10**30))

# getstate / setstate.
r = R(8)
r.random()
st = r.getstate()
print(type(st).__name__, len(st), st[-1], st[0], st[623])
after = [r.random() for _ in range(5)]
r.setstate(st)
print(after == [r.random() for _ in range(5)])
fresh = R(8).getstate()
print(fresh[-1], fresh[0])
r2 = R(0)
r2.setstate(st)
print(r2.getstate() == st)
# Words are truncated to 32 bits as the C cast does.
r2.setstate((2**40 + 5,) + (0,) * 623 + (624,))
print(r2.getstate()[0], r2.getstate()[-1])

# The state of a generator that was never seeded: zeros.
class Unseeded(R):
    def __init__(self, *args, **kwargs):
        pass

u = Unseeded(1, 2, x=3)
print(u.getstate()[:3], u.getstate()[-1], u.random())

def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

check(lambda: R(1, 2))
check(lambda: R(x=1))
check(lambda: R(1).getrandbits(-1))
check(lambda: R(1).getrandbits(1.0))
check(lambda: R(1).getrandbits(2**40))
check(lambda: R(1).seed([1]))
check(lambda: R(1).setstate(1))
check(lambda: R(1).setstate([0] * 625))
check(lambda: R(1).setstate((1,) * 3))
check(lambda: R(1).setstate((0,) * 624 + (625,)))
check(lambda: R(1).setstate((0,) * 624 + (-1,)))
check(lambda: R(1).setstate((-1,) + (0,) * 624))
check(lambda: R(1).setstate((2**64,) + (0,) * 624))
check(lambda: R(1).setstate(('a',) + (0,) * 624))
check(lambda: R(1).getrandbits())
check(lambda: R(1).getrandbits(k=3))
check(lambda: R(1).setstate())
check(lambda: R(1).getstate(1))
check(lambda: R(1).random(1))
check(lambda: R(1).seed(1, x=2))
check(lambda: R(1).seed(1, 2))
