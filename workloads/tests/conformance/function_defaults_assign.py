# Assigning __defaults__ and __kwdefaults__ changes later calls.
print('__len__' in list.__dict__, '__iter__' in list.__dict__, '__contains__' in list.__dict__)
f = lambda x, y: (x, y)
f.__defaults__ = (0,)
print(f(1), f.__defaults__)
def g(a, *, b): return a, b
g.__kwdefaults__ = {'b': 2}
print(g(1), g.__kwdefaults__)
