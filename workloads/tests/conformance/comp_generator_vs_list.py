# Generator expressions are lazy and single-use; list comprehensions are eager.
log = []
def f(x):
    log.append(x)
    return x * 2

lazy = (f(x) for x in range(3))
print('after creating genexpr:', log)
eager = [f(x) for x in range(3)]
print('after list comp:', log)
print(next(lazy), log)
print(list(lazy), list(lazy))
print(eager, eager)

gen = (c for c in 'abc')
print('b' in gen, list(gen))
pairs = ((i, c) for i, c in enumerate('xyz'))
print(dict(pairs), dict(pairs))
try:
    (1 / x for x in [1, 0])
    print('no error until consumed')
    list(1 / x for x in [1, 0])
except ZeroDivisionError as e:
    print('ZeroDivisionError:', e)
try:
    (x for x in 5)
except TypeError as e:
    print('TypeError at creation:', e)
