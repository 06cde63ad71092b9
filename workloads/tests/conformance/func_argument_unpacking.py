# Unpacking in calls and assignments combined with functions.
def point(x, y, z=0):
    return 'x=%s y=%s z=%s' % (x, y, z)

coords = [(1, 2), (3, 4, 5)]
for c in coords:
    print(point(*c))
print(point(**{'y': 1, 'x': 2}))
print(point(*'ab', **{'z': 'c'}))
print(point(*range(3)))
d = {'x': 'dx', 'y': 'dy'}
print(point(**d, z='kw'))

def head_tail(first, *rest):
    return first, rest
print(head_tail(*[9, 8, 7]))
a, (b, c), *d = 1, (2, 3), 4, 5
print(a, b, c, d)
for i, (k, v) in enumerate(sorted({'b': 2, 'a': 1}.items())):
    print(i, k, v)
print(max(*[3, 9, 2]), min(*'hello'))
print(list(zip(*[(1, 'a'), (2, 'b'), (3, 'c')])))
try:
    point(*[1, 2, 3, 4])
except TypeError as e:
    print('TypeError:', e)
try:
    point(**{'x': 1, 'y': 2, 'w': 3})
except TypeError as e:
    print('TypeError:', e)
try:
    point(*5)
except TypeError as e:
    print('TypeError:', e)
