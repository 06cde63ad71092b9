# List literals, indexing, item assignment, concatenation, repetition.
a = [1, 2, 3]
print(a, len(a), a[0], a[-1])
a[1] = 20
a[-1] = 30
print(a)
print(a + [4, 5], [0] * 4, 2 * [1, 2], [] * 3)
print(3 in a, 20 in a, 99 not in a)
grid = [[0] * 3] * 2
grid[0][0] = 1
print(grid)
grid2 = [[0] * 3, [0] * 3]
grid2[0][0] = 1
print(grid2)
b = a
a += [40]
print(a, b, a is b)
c = a
a = a + [50]
print(a, c, a is c)
m = [1, 2, 3]
m[0] += 10
m[1] *= 5
m[2] -= 3
m[-1] **= 2
print(m)
nested = [[1, 2], [3, [4, 5]]]
nested[1][1][0] += 100
print(nested, nested[1][1][1])
mixed = [1, 'two', 3.0, None, True, [5], (6,), {'seven': 7}]
print(mixed)
print([], [[]], [[], []])
print(str([1, [2, 3]]))
empty = []
empty.append(empty == [])
print(empty)
