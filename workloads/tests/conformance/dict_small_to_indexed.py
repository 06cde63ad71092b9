# Dicts and sets across the size where the storage gains a hash index
# (and after removals take it back under): order, lookups, replacement,
# removal, popitem, colliding keys decided by __eq__.


class K:
    """A key whose hash collides with every other K; equal by name."""

    def __init__(self, name):
        self.name = name

    def __hash__(self):
        return 7

    def __eq__(self, other):
        return isinstance(other, K) and self.name == other.name

    def __repr__(self):
        return "K(%r)" % self.name


def check(d, expect):
    assert list(d) == [k for k, _ in expect], (list(d), expect)
    for k, v in expect:
        assert d[k] == v, (k, d[k], v)
        assert k in d
    assert len(d) == len(expect)


for n in range(0, 24):
    d = {}
    expect = []
    for i in range(n):
        d["k%d" % i] = i
        expect.append(("k%d" % i, i))
        check(d, expect)
    assert "missing" not in d
    # Replace every value: order unchanged.
    for i in range(n):
        d["k%d" % i] = -i
    expect = [(k, -v) for k, v in expect]
    check(d, expect)
    # Remove every third key, from the middle out.
    for i in range(0, n, 3):
        del d["k%d" % i]
    expect = [(k, v) for k, v in expect if int(k[1:]) % 3]
    check(d, expect)
    # Re-add them at the end.
    for i in range(0, n, 3):
        d["k%d" % i] = i * 10
        expect.append(("k%d" % i, i * 10))
    check(d, expect)
    # popitem takes from the end.
    popped = []
    while len(d) > n // 2:
        popped.append(d.popitem())
    expect = expect[: len(d)]
    check(d, expect)
    print(n, len(d), popped[:2], list(d.items())[:3])

# Down to nothing and up again (the index is dropped and rebuilt).
d = {i: i * i for i in range(40)}
for i in range(40):
    assert d.pop(i) == i * i
    assert len(d) == 39 - i
    assert all(d[j] == j * j for j in range(i + 1, 40))
print(d)
for i in range(30, 0, -1):
    d[i] = str(i)
print(list(d.items())[:5], len(d))
d.clear()
d[1] = "one"
print(d)

# 1, 1.0 and True are one key, at every size.
for n in (0, 3, 8, 9, 20):
    d = {("x", i): i for i in range(n)}
    d[1] = "int"
    d[1.0] = "float"
    d[True] = "bool"
    print(n, len(d), d[1], list(d)[-1])

# Keys of equal hash whose equality is __eq__.
for n in (2, 7, 8, 9, 12):
    d = {}
    for i in range(n):
        d[K(i)] = i
    d[K(0)] = "zero"
    assert d[K(n - 1)] == n - 1
    del d[K(1)]
    d.setdefault(K(1), "back")
    d.setdefault(K(2), "not used")
    print(n, list(d.values()))

# setdefault, get, pop with default, update, copy, fromkeys around the edge.
for n in (7, 8, 9):
    d = dict.fromkeys(range(n), 0)
    d.update({n: 1, n + 1: 2})
    e = d.copy()
    e.pop(0)
    print(n, d.get(n + 1), e.get(0, "gone"), d.pop(100, "none"), list(e)[:3], len(e))
    print(d == e, d == dict(d), {**d, **e} == d)

# Sets (swap removal inside) keep CPython's order.
for n in (5, 8, 9, 17):
    s = set(range(n))
    for i in range(0, n, 2):
        s.discard(i)
    s.add(100)
    s.add(n + 50)
    print(n, sorted(s), len(s), 3 in s, 4 in s)
    while len(s) > 2:
        s.pop()
    print(len(s))

# Globals go through a module dict that grows past the edge too.
for i in range(12):
    globals()["g%d" % i] = i
print(g0, g5, g11)
del g5
print("g5" in globals(), g11)
