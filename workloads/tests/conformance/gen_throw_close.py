# throw() raises inside the generator; close() raises GeneratorExit.
def worker():
    print('  worker start')
    try:
        while True:
            try:
                x = yield 'ready'
                print('  worker got', x)
            except ValueError as e:
                print('  worker handled ValueError:', e)
                yield 'recovered'
    finally:
        print('  worker cleanup')

w = worker()
print(next(w))
print(w.send(1))
print(w.throw(ValueError('bad input')))
print(next(w))
try:
    w.throw(KeyError('fatal'))
except KeyError as e:
    print('propagated KeyError', e)
print(list(w))

w2 = worker()
next(w2)
w2.close()
print('closed')
w2.close()
try:
    next(w2)
except StopIteration:
    print('closed generator raises StopIteration')

def stubborn():
    try:
        yield 1
    except GeneratorExit:
        print('  caught GeneratorExit, yielding anyway')
        yield 2

s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print('RuntimeError:', e)

def never_started():
    print('  never printed')
    yield
n = never_started()
n.close()
print('closing an unstarted generator runs nothing')
