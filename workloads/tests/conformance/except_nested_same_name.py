# A handler nested in a handler with the same `as` name: leaving the inner
# one unbinds the name, and leaving the outer one must not fail on it
# (CPython binds the name to None before deleting it). Found by the fuzzer.
try:
    raise ValueError('a')
except ValueError as e:
    try:
        raise KeyError('b')
    except KeyError as e:
        print('inner', repr(e))
try:
    e
except NameError as ne:
    print('after:', ne)


def f():
    for i in range(2):
        try:
            raise ValueError(i)
        except ValueError as err:
            try:
                raise KeyError(i)
            except KeyError as err:
                if i == 0:
                    continue
                return repr(err)


print(f())
try:
    try:
        1 / 0
    except ZeroDivisionError as e:
        try:
            raise TypeError('t')
        except TypeError as e:
            pass
        print(e)
except NameError as ne:
    print(type(ne).__name__, ne)
