# random.seed(n) gives CPython's exact sequences through Lib/random.py:
# random, randrange, randint, shuffle, choice, choices, sample, gauss,
# uniform and friends, for int, str and bytes seeds, on the module's
# generator and on Random instances; getstate/setstate round trip.
import random

for seed in [0, 1, 42, -7, 2**70 + 1, 'gilgamesh', b'bytes seed', bytearray(b'ba'), 3.25]:
    random.seed(seed)
    print(repr(seed))
    print(' random', [random.random() for _ in range(3)])
    print(' randrange', [random.randrange(100) for _ in range(8)], random.randrange(10, 1000, 7))
    print(' randint', [random.randint(-5, 5) for _ in range(8)], random.randint(0, 10**30))
    xs = list(range(12))
    random.shuffle(xs)
    print(' shuffle', xs)
    print(' choice', random.choice('abcdefghij'), random.choice(range(1000)))
    print(' choices', random.choices('abc', k=6), random.choices(range(5), weights=[5, 1, 1, 1, 10], k=6))
    print(' sample', random.sample(range(100), 6), random.sample('abcdefg', 3))
    print(' gauss', random.gauss(0, 1), random.gauss(10, 2))
    print(' uniform', random.uniform(1, 2), random.triangular(0, 10, 3))
    print(' getrandbits', random.getrandbits(5), random.getrandbits(100))
    print(' others', random.expovariate(1.5), random.betavariate(2, 3), random.normalvariate(0, 1))
    print(' randbytes', random.randbytes(6))

r = random.Random(12345)
state = r.getstate()
a = [r.random() for _ in range(5)] + [r.gauss(0, 1)]
r.setstate(state)
print(a == [r.random() for _ in range(5)] + [r.gauss(0, 1)])
print(state[0], len(state[1]), state[2])

# Two instances with one seed agree, and the module's functions use one.
print(random.Random('x').random() == random.Random('x').random())
random.seed(5)
print(random.random() == random.Random(5).random())
try:
    random.seed([1, 2])
except TypeError as e:
    print(type(e).__name__, e)
