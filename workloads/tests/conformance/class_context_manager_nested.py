# Nested context managers exit in reverse order; exceptions in __exit__.
log = []
class Tag:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        log.append('<' + self.name + '>')
        return self
    def __exit__(self, t, v, tb):
        log.append('</' + self.name + '>')
        return False

with Tag('html'):
    with Tag('body'):
        with Tag('p'):
            log.append('text')
print(''.join(log))

class Suppressor:
    def __init__(self, *types):
        self.types = types
    def __enter__(self):
        return None
    def __exit__(self, t, v, tb):
        return t is not None and issubclass(t, self.types)

for bad in ('none', 'idx', 'zero', 'type'):
    try:
        with Suppressor(IndexError, ZeroDivisionError):
            if bad == 'idx':
                [][0]
            elif bad == 'zero':
                1 / 0
            elif bad == 'type':
                None + 1
            print('no error for', bad)
        print('suppressed or clean:', bad)
    except TypeError as e:
        print('escaped:', type(e).__name__)

class FailingExit:
    def __enter__(self):
        return self
    def __exit__(self, t, v, tb):
        raise RuntimeError('exit failed while handling ' + (t.__name__ if t else 'nothing'))
try:
    with FailingExit():
        raise ValueError('original')
except RuntimeError as e:
    print(e, '| context:', repr(e.__context__))
