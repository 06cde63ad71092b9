# Starred assignment targets collect the rest of an unpacked iterable into a list.
a, *b = [1, 2, 3, 4]
print(a, b)
*a, b = 'xyz'
print(a, b)
first, *middle, last = range(6)
print(first, middle, last)
x, *y, z = (1, 2)
print(x, y, z)
[p, *q] = (i * i for i in range(4))
print(p, q)
(h, *t), u = [1, 2, 3], 'u'
print(h, t, u)
for head, *tail in [(1, 2, 3), (4,), 'ab']:
    print(head, tail)
*everything, = {'k': 1, 'j': 2}
print(everything)
def split(seq):
    head, *rest = seq
    return head, rest
print(split('hello'), split([None]))
try:
    a, *b, c = [1]
except ValueError as e:
    print('ValueError:', e)
try:
    a, *b = 5
except TypeError as e:
    print('TypeError:', e)
try:
    *a, b, c, d = 'ab'
except ValueError as e:
    print('ValueError:', e)
