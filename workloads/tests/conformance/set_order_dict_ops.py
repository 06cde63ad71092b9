a = set(range(0, 40, 3))
for i in range(0, 40, 9):
    a.discard(i)
d = {33: 1, 6: 2, 100: 3}
print(a.difference(d), a.difference(d.keys()), a.difference([33, 6]))
print(a.union(d), a.intersection(d), a.symmetric_difference(d))
small = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}
for i in range(1, 12, 2):
    small.discard(i)
print(small.difference({2: 0}), small.difference({}), small - {4})
