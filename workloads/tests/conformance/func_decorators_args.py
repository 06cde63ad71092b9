# Decorators with arguments (decorator factories) and decorator call order.
def repeat(times):
    print('repeat factory called with', times)
    def decorator(fn):
        print('decorating', fn.__name__)
        def wrapper(*args):
            return [fn(*args) for _ in range(times)]
        return wrapper
    return decorator

def prefix(text):
    def decorator(fn):
        def wrapper(*args):
            return text + str(fn(*args))
        return wrapper
    return decorator

@repeat(3)
def roll(x):
    return x * 2

print(roll(5))

@prefix('>> ')
@repeat(2)
def pair(a, b):
    return a + b
print(pair(1, 2))

def validate(*types):
    def decorator(fn):
        def wrapper(*args):
            for a, t in zip(args, types):
                if not isinstance(a, t):
                    raise TypeError('%s expected %s, got %s' % (fn.__name__, t.__name__, type(a).__name__))
            return fn(*args)
        wrapper.__name__ = fn.__name__
        return wrapper
    return decorator

@validate(int, str)
def label(n, s):
    return s * n
print(label(3, 'ab'))
try:
    label('3', 'ab')
except TypeError as e:
    print('TypeError:', e)

calls = []
def counted(fn):
    def wrapper(*a, **k):
        calls.append(fn.__name__)
        return fn(*a, **k)
    return wrapper

class Service:
    @counted
    def ping(self):
        return 'pong'
    @staticmethod
    @counted
    def util(x):
        return x + 1
s = Service()
print(s.ping(), s.ping(), Service.util(1), calls)
