s = {1, 2, 3, 40, 33}
t = s
s |= {100, 9, 64}
print(s, t is s)
s &= {1, 9, 64, 33, 77}
print(s, t is s)
s -= {9}
print(s, t is s)
s ^= {2, 64, 18}
print(s, t is s)
f = frozenset({5, 1})
g = f
f |= {9}
print(f, g, f is g)
d = set(range(16))
for i in range(0, 16, 3):
    d.discard(i)
d |= {48, 0, 3}
print(d)
