# Bare `raise` re-raises the exception being handled.
def inner():
    raise ValueError('bad value 42')

def middle():
    try:
        inner()
    except ValueError as e:
        print('middle saw:', e)
        raise

def outer():
    try:
        middle()
    except ValueError as e:
        print('outer saw:', e, type(e).__name__)
        return 'handled'

print(outer())

def reraise_other():
    try:
        1 / 0
    except ZeroDivisionError:
        try:
            raise KeyError('inner')
        except KeyError:
            pass
        raise

try:
    reraise_other()
except ZeroDivisionError as e:
    print('re-raised original after nested handler:', e)

try:
    try:
        raise TypeError('t1')
    except TypeError as e:
        err = e
        raise
except TypeError as e2:
    print(e2 is err, e2.args)
