# try/except catches the first matching handler; code after the raise is skipped.
def divide(a, b):
    try:
        result = a // b
        print('computed', result)
    except ZeroDivisionError:
        print('cannot divide', a, 'by zero')
        result = None
    print('after try', result)
    return result

divide(7, 2)
divide(7, 0)
try:
    print('start')
    [1, 2, 3][10]
    print('not reached')
except IndexError:
    print('caught IndexError')
except KeyError:
    print('wrong handler')
try:
    {}['k']
except IndexError:
    print('wrong handler')
except KeyError:
    print('caught KeyError second handler')
print('done')
