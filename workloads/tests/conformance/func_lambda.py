# lambda expressions: in sort keys, map/filter, immediately called, nested.
pairs = [(3, 'c'), (1, 'a'), (2, 'b'), (1, 'z')]
print(sorted(pairs, key=lambda p: p[1]))
print(sorted(pairs, key=lambda p: (-p[0], p[1])))
print(list(map(lambda x: x * x, range(5))))
print(list(filter(lambda s: len(s) > 2, ['a', 'abc', 'de', 'fghi'])))
print((lambda a, b=2, *c, **d: (a, b, c, d))(1, 5, 6, k=7))
add = lambda x: lambda y: x + y
print(add(3)(4))
compose = lambda f, g: lambda x: f(g(x))
inc_then_double = compose(lambda x: x * 2, lambda x: x + 1)
print(inc_then_double(5))
print(add.__name__, (lambda: None)() is None)
ops = {'+': lambda a, b: a + b, '-': lambda a, b: a - b, '*': lambda a, b: a * b}
print([ops[o](6, 3) for o in '+-*'])
fact = lambda n: 1 if n <= 1 else n * fact(n - 1)
print(fact(10))
print((lambda *a: sum(a))(1, 2, 3), (lambda **k: sorted(k))(b=1, a=2))
