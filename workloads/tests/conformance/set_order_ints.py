print({3, 1, 2})
s = set()
for x in [10, 5, 7, 1]:
    s.add(x)
print(s)
print({-1, -2, -3, 0, 5, 100, 64, 8, 16})
print(set([2**64, 2**61, 2**61 - 1, 2**62 + 3, -(2**63)]))
g = set()
for i in range(0, 200, 7):
    g.add(i * 13 % 101)
    if i % 3 == 0:
        print(sorted(g) == sorted(list(g)), list(g))
print(set(range(20)))
print(set(range(100, 0, -9)))
print({x * 37 % 50 for x in range(30)})
print(frozenset([33, 1, 17, 9, 65]))
print(frozenset())
print({1.5, 2.0, 0.25, 3, True, False})
h = set()
for i in range(60000):
    h.add(i * 7919 % 1000003)
l = list(h)
print(len(l), l[:12], l[-12:])
for i in range(0, 60000, 3):
    h.discard(i * 7919 % 1000003)
h.update(range(-50, 50))
l = list(h)
print(len(l), l[:12], l[-12:])
print([h.pop() for _ in range(10)])
w = {i * 1024 for i in range(40)}
print(w)
print(set(range(-10, 10)), frozenset(range(-10, 10, 3)))
