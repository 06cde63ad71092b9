# __enter__/__exit__: the as-target, exit arguments, and suppression.
class Resource:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print('enter', self.name)
        return self.name.upper()
    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            print('exit', self.name, 'cleanly', exc, tb)
        else:
            print('exit', self.name, 'with', exc_type.__name__, exc, tb is not None)
        return self.suppress

with Resource('a') as value:
    print('inside, value =', value)

with Resource('b', suppress=True):
    print('about to fail')
    raise ValueError('swallowed')
    print('not reached')
print('after suppressed block')

try:
    with Resource('c'):
        {}['missing']
except KeyError as e:
    print('propagated KeyError', e)

with Resource('outer') as o, Resource('inner') as i:
    print('both', o, i)

def early_return():
    with Resource('fn'):
        return 'returned'
print(early_return())

for n in range(3):
    with Resource('loop%d' % n):
        if n == 1:
            continue
        if n == 2:
            break
        print('body', n)

class NoEnter:
    def __exit__(self, *a):
        pass
try:
    with NoEnter():
        pass
except (AttributeError, TypeError) as e:
    print(type(e).__name__, e)
