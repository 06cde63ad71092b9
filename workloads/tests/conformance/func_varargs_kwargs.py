# *args and **kwargs: collecting, forwarding, unpacking.
def collect(first, *args, **kwargs):
    return first, args, kwargs

print(collect(1))
print(collect(1, 2, 3))
print(collect(1, x=5, y=6))
print(collect(*range(4), **{'k': 'v'}))

def forward(*args, **kwargs):
    return collect(*args, **kwargs)
print(forward('a', 'b', z=0))

def total(*nums, start=0):
    s = start
    for n in nums:
        s += n
    return s
print(total(), total(1, 2, 3), total(1, 2, start=100))

def show(**opts):
    return ', '.join('%s=%r' % (k, opts[k]) for k in opts)
print(show(b=2, a=1, c=[3]))
print(show(**{'x': 1}, y=2))

args = (1, 2)
more = [3]
print(collect(*args, *more, 4))
kw1 = {'a': 1}
kw2 = {'b': 2}
print(collect(0, **kw1, **kw2))
try:
    collect(0, **kw1, **{'a': 3})
except TypeError as e:
    print('TypeError:', e)
print(type(collect(1)[1]).__name__, type(collect(1)[2]).__name__)
