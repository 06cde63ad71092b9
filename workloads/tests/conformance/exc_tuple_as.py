# except (A, B) as e catches either; the name is unbound after the handler.
def risky(kind):
    if kind == 'key':
        return {}['nokey']
    if kind == 'index':
        return [][1]
    if kind == 'zero':
        return 1 % 0
    if kind == 'type':
        return 'a' + 1
    return 'ok'

for kind in ('key', 'index', 'zero', 'type', 'none'):
    try:
        r = risky(kind)
        print(kind, '->', r)
    except (KeyError, IndexError) as e:
        print(kind, 'lookup:', type(e).__name__, e)
    except (ZeroDivisionError, TypeError) as e:
        print(kind, 'other:', type(e).__name__, e)

e = 'outer value'
try:
    raise ValueError('x')
except ValueError as e:
    pass
try:
    print(e)
except NameError as ne:
    print('NameError:', ne)

errors = (ValueError, KeyError)
try:
    int('nope')
except errors as err:
    print('caught via tuple variable:', type(err).__name__)
