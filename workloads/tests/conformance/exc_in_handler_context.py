# An exception raised inside a handler gets the handled one as __context__.
def convert(s):
    try:
        return int(s)
    except ValueError as e:
        return {}[s]

try:
    convert('abc')
except KeyError as e:
    print('KeyError', e)
    print('context', type(e.__context__).__name__, e.__context__)
    print('cause', e.__cause__)

def in_finally():
    try:
        raise ValueError('first')
    finally:
        raise TypeError('second')

try:
    in_finally()
except Exception as e:
    print(type(e).__name__, e, '| context:', repr(e.__context__))

def in_else():
    try:
        x = 1
    except ValueError:
        print('not here')
    else:
        raise IndexError('from else')
    finally:
        print('finally after else')

try:
    in_else()
except IndexError as e:
    print('else raised', e, e.__context__)
