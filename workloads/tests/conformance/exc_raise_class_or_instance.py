# raise accepts a class (instantiated with no args) or an instance.
for thing in (ValueError, ValueError('inst'), KeyError, RuntimeError('r', 2)):
    try:
        raise thing
    except Exception as e:
        print(type(e).__name__, repr(e), isinstance(e, Exception))

try:
    raise 42
except TypeError as e:
    print('TypeError:', e)

class NotAnException:
    pass

try:
    raise NotAnException()
except TypeError as e:
    print('TypeError:', e)

try:
    try:
        1 / 0
    except ZeroDivisionError as e:
        saved = e
    raise saved
except ZeroDivisionError as e:
    print('raised saved instance', e is saved)
