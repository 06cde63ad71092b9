# raise X from Y sets __cause__; implicit chaining sets __context__.
class ConfigError(Exception):
    pass

def load(d, key):
    try:
        return d[key]
    except KeyError as e:
        raise ConfigError('missing setting ' + key) from e

try:
    load({'a': 1}, 'b')
except ConfigError as e:
    print('error:', e)
    print('cause:', repr(e.__cause__))
    print('cause type:', type(e.__cause__).__name__)
    print('suppress:', e.__suppress_context__)
    print('context is cause:', e.__context__ is e.__cause__)

try:
    try:
        int('xyz')
    except ValueError:
        raise RuntimeError('conversion failed')
except RuntimeError as e:
    print('implicit cause:', e.__cause__)
    print('implicit context:', repr(e.__context__))
    print('suppress:', e.__suppress_context__)

try:
    try:
        [][0]
    except IndexError:
        raise RuntimeError('no chain') from None
except RuntimeError as e:
    print('from None cause:', e.__cause__)
    print('from None suppress:', e.__suppress_context__)
    print('context still set:', type(e.__context__).__name__)

e = ValueError('plain')
print(e.__cause__, e.__context__, e.__suppress_context__)
