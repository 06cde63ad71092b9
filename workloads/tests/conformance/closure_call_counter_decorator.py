# A decorator that keeps per-function state in a closure (nonlocal counter).
def count_calls(fn):
    count = 0
    def wrapper(*args, **kwargs):
        nonlocal count
        count += 1
        print('call #%d of %s' % (count, fn.__name__))
        return fn(*args, **kwargs)
    def get_count():
        return count
    wrapper.get_count = get_count
    return wrapper

@count_calls
def square(x):
    return x * x

@count_calls
def join(*parts, sep='-'):
    return sep.join(parts)

print(square(3), square(4))
print(join('a', 'b'), join('x', 'y', 'z', sep='+'), join())
print(square.get_count(), join.get_count())

def once(fn):
    done = False
    result = None
    def wrapper(*a):
        nonlocal done, result
        if not done:
            result = fn(*a)
            done = True
        return result
    return wrapper

@once
def init(v):
    print('initialising with', v)
    return v * 10
print(init(1), init(2), init(3))
