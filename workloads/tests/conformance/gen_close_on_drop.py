# Generators suspended inside try/finally or with are closed when dropped.
class CM:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print('enter', self.name)
        return self
    def __exit__(self, t, v, tb):
        print('exit', self.name, t.__name__ if t else None)
        return False

def with_gen():
    with CM('g'):
        yield 1
        yield 2

g = with_gen()
print(next(g))
g = None
print('after drop')

def catches():
    try:
        yield 'x'
    except GeneratorExit:
        print('caught GeneratorExit')
        raise
    finally:
        print('finally')

g = catches()
next(g)
del g
print('after del')

def stubborn():
    try:
        yield 1
    finally:
        yield 2

g = stubborn()
next(g)
del g
print('stubborn dropped')

def never_started():
    try:
        yield 1
    finally:
        print('never printed')
g = never_started()
del g
def plain():
    for i in range(3):
        yield i
g = plain()
next(g)
del g
print('end')
