# str(), repr() and .args of exceptions with zero, one and several arguments.
cases = [
    ValueError(),
    ValueError('one'),
    ValueError('two', 2),
    ValueError(42),
    KeyError('k'),
    KeyError(),
    KeyError('a', 'b'),
    IndexError('list index out of range'),
    Exception(None),
    RuntimeError(''),
    ZeroDivisionError('division by zero'),
    TypeError(['x', 1]),
]
for e in cases:
    print(type(e).__name__, '| str:', str(e), '| repr:', repr(e), '| args:', e.args)

class MyError(Exception):
    pass

m = MyError('custom', 7)
print(str(m), repr(m), m.args)
print([MyError('in list')])
print(str(MyError()), repr(MyError()))
e = ValueError('x')
e.args = ('changed', 1)
print(str(e), repr(e))
