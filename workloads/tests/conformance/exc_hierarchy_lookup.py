# LookupError catches KeyError and IndexError; ArithmeticError catches ZeroDivisionError.
def trigger(kind):
    if kind == 'key':
        {'a': 1}['b']
    elif kind == 'index':
        (1, 2)[5]
    elif kind == 'zero':
        5 // 0
    elif kind == 'overflow':
        raise OverflowError('too big')
    elif kind == 'str_index':
        'abc'[10]

for kind in ('key', 'index', 'str_index'):
    try:
        trigger(kind)
    except LookupError as e:
        print(kind, 'is a LookupError:', type(e).__name__, repr(e))

for kind in ('zero', 'overflow'):
    try:
        trigger(kind)
    except ArithmeticError as e:
        print(kind, 'is an ArithmeticError:', type(e).__name__, e)

print(issubclass(KeyError, LookupError), issubclass(IndexError, LookupError))
print(issubclass(ZeroDivisionError, ArithmeticError), issubclass(OverflowError, ArithmeticError))
print(issubclass(LookupError, Exception), issubclass(Exception, BaseException))
print(issubclass(KeyError, IndexError), issubclass(ValueError, LookupError))
print(issubclass(UnicodeError, ValueError), issubclass(RecursionError, RuntimeError))
print(issubclass(NotImplementedError, RuntimeError), issubclass(ModuleNotFoundError, ImportError))
print(issubclass(FileNotFoundError, OSError), issubclass(StopIteration, Exception))
print(KeyError.__bases__[0].__name__, ZeroDivisionError.__bases__[0].__name__)
print([c.__name__ for c in KeyError.__mro__])
