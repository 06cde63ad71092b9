# Keyword arguments, positional-or-keyword, defaults and their error messages.
def describe(name, age, city='unknown', *, verbose=False):
    s = '%s (%d) from %s' % (name, age, city)
    return s + ' [verbose]' if verbose else s

print(describe('ann', 30))
print(describe(age=25, name='bob'))
print(describe('cy', 40, city='Oslo', verbose=True))
print(describe('di', 22, 'Rome'))

def check(f):
    try:
        f()
    except TypeError as e:
        print('TypeError:', e)

check(lambda: describe('x', 1, colour='red'))
check(lambda: describe('x'))
check(lambda: describe())
check(lambda: describe('x', 1, 'c', True))
check(lambda: describe('x', 1, name='again'))
check(lambda: describe('x', age=1, **{'age': 2}))
def f(a, b, c):
    return a, b, c
check(lambda: f(1, c=3))
check(lambda: f(b=2))
print(f(*[1], **{'c': 3, 'b': 2}))
