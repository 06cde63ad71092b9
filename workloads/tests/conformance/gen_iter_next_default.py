# iter() over many types, iter(callable, sentinel), next() with defaults.
for obj in ([1, 2], (3,), 'hi', {'k': 1, 'j': 2}, range(2), {5}, b'ab'):
    it = iter(obj)
    print(type(obj).__name__, iter(it) is it, next(it), next(it, 'END'))

data = [4, 8, 15, 0, 16]
pos = [0]
def read():
    v = data[pos[0]]
    pos[0] += 1
    return v
print(list(iter(read, 0)))
print(pos)

it = iter([1])
print(next(it, None), next(it, None), next(it, 'x'))
d = {'a': 1, 'b': 2}
print(list(iter(d.items())), next(iter(d.values())))
e = enumerate('xy')
print(next(e), next(e), next(e, 'done'))
z = zip([1, 2], 'ab')
print(next(z), list(z))
r = reversed([1, 2, 3])
print(next(r), list(r), list(r))
try:
    iter(5)
except TypeError as e:
    print('TypeError:', e)
try:
    next([1, 2])
except TypeError as e:
    print('TypeError:', e)
