# Sorting with a `<` that is not a total order, or that raises: CPython's
# sort returns some permutation (never crashes), and for short lists makes
# exactly the comparisons of its binary insertion sort.
class Rng:
    # A small deterministic generator (no `random` needed).
    def __init__(self, seed):
        self.state = seed
    def next(self, n):
        self.state = (self.state * 1103515245 + 12345) % 2**31
        return (self.state >> 16) % n

class Liar:
    # `<` answers from a fixed pseudo-random stream: no consistent order.
    rng = Rng(7)
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        return Liar.rng.next(2) == 0
    def __repr__(self):
        return f'L{self.v}'

class Always:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        return True

for n in [2, 5, 30, 64, 65, 200, 1000]:
    items = [Liar(i) for i in range(n)]
    out = sorted(items)
    print(n, len(out), sorted(x.v for x in out) == list(range(n)))
    items.sort(reverse=True)
    print(n, sorted(x.v for x in items) == list(range(n)))
    out = sorted([Always(i) for i in range(n)], key=lambda a: a)
    print(n, sorted(x.v for x in out) == list(range(n)))

# Short lists: the exact result and the exact comparisons (CPython's binary
# insertion sort below 64 items).
log = []
class Logged:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        log.append((self.v, other.v))
        return (self.v * 7) % 5 < (other.v * 3) % 4
print([x.v for x in sorted(Logged(i) for i in range(8))])
print(log)
log.clear()
print([x.v for x in sorted((Logged(i) for i in range(8)), reverse=True)])
print(log)

# The first exception stops the sort and propagates; the list is unchanged
# when a key function raises.
class Boom:
    calls = 0
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        Boom.calls += 1
        if Boom.calls == 4:
            raise ValueError('no order')
        return self.v < other.v
try:
    sorted(Boom(i) for i in [3, 1, 2, 5, 4])
except ValueError as e:
    print(type(e).__name__, e, Boom.calls)

def bad_key(x):
    if x == 2:
        raise KeyError(x)
    return -x
data = [3, 1, 2]
try:
    data.sort(key=bad_key)
except KeyError as e:
    print(type(e).__name__, e, data)
try:
    sorted([1, 'a', 2])
except TypeError as e:
    print(type(e).__name__, e)

# Stability both ways, and key + reverse.
pairs = [(i % 3, chr(65 + i % 26)) for i in range(100)]
print(''.join(p[1] for p in sorted(pairs, key=lambda p: p[0])))
print(''.join(p[1] for p in sorted(pairs, key=lambda p: p[0], reverse=True)))
r = Rng(5)
nums = [r.next(50) for _ in range(300)]
print(sorted(nums) == sorted(nums, key=lambda x: x), sorted(nums)[:10], sorted(nums, reverse=True)[:10])
