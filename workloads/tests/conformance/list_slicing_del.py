# Slicing with steps and negative indices; del of items and slices.
a = list(range(10))
print(a[2:5], a[:3], a[7:], a[-3:], a[:-7])
print(a[::2], a[1::3], a[::-1], a[::-3])
print(a[8:2:-2], a[-1:-5:-1], a[2:8:-1], a[5:5])
print(a[-100:100], a[100:], a[:-100])
t = tuple(a)
print(t[1:4], t[::-4], t[-2:])
b = a[:]
b[0] = 'changed'
print(a[0], b[0])
del a[0]
print(a)
del a[-1]
print(a)
del a[2:4]
print(a)
del a[::2]
print(a)
del a[:]
print(a, len(a))
c = [0, 1, 2, 3, 4, 5, 6, 7]
del c[::-3]
print(c)
d = {'a': 1, 'b': 2, 'c': 3}
del d['b']
print(d)
nested = [[1, 2, 3], [4, 5, 6]]
del nested[0][1]
print(nested)
