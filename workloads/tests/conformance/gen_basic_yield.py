# Generator functions run lazily, resuming after each yield.
def numbers(n):
    print('  generator started')
    for i in range(n):
        print('  about to yield', i)
        yield i
    print('  generator finished')

g = numbers(3)
print('created', type(g).__name__)
print('first', next(g))
print('second', next(g))
for rest in g:
    print('loop got', rest)
print(list(g))
print(list(numbers(2)))

def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

f = fib()
print([next(f) for _ in range(12)])
def take(n, it):
    out = []
    for x in it:
        if len(out) == n:
            break
        out.append(x)
    return out
print(take(5, fib()))
print(iter(g) is g, hasattr(g, '__next__'))
