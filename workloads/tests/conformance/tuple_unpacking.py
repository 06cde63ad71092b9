# Tuples and tuple unpacking.
t = (1, 'two', 3.0)
print(t, len(t), t[1], t[-1])
print((), (1,), ('a',), ((1, 2), (3,)))
single = 5,
print(single)
a, b, c = t
print(a, b, c)
x, y = 1, 2
x, y = y, x
print(x, y)
p, q, r = [10, 20, 30]
print(p + q + r)
m, n = 'hi'
print(m, n)
i = 0
j = 1
k = 0
while k < 10:
    i, j = j, i + j
    k += 1
print(i, j)
pairs = [(1, 'a'), (2, 'b'), (3, 'c')]
for num, letter in pairs:
    print(num, letter)
print(t + (4,), (0,) * 3, 2 in (1, 2), 'x' not in ('x', 'y'))
u = (1, 2)
v = u
u += (3,)
print(u, v, u is v)
print(tuple([1, 2]), tuple('ab'), tuple(), tuple(range(3)))

def minmax(seq):
    return min(seq), max(seq)

lo, hi = minmax([4, 8, 1, 9])
print(lo, hi, minmax([2]))
print(str((1, 'a')), str((None,)))
d = {(0, 0): 'origin', (1, 2): 'point'}
print(d[(1, 2)], d)
