# send() and throw() pass through yield from to the inner generator.
def inner():
    got = []
    while True:
        try:
            x = yield 'inner waiting'
        except KeyError as e:
            print('  inner caught KeyError', e)
            yield 'inner recovered'
            continue
        if x == 'stop':
            return got
        got.append(x)
        print('  inner got', x)

def outer():
    result = yield from inner()
    print('  outer received result', result)
    yield 'outer final'

g = outer()
print(next(g))
print(g.send(1))
print(g.send(2))
print(g.throw(KeyError('k')))
print(next(g))
print(g.send('stop'))
try:
    next(g)
except StopIteration:
    print('all done')

def closing_inner():
    try:
        yield 1
        yield 2
    finally:
        print('  closing_inner finally')
def closing_outer():
    try:
        yield from closing_inner()
    finally:
        print('  closing_outer finally')
c = closing_outer()
print(next(c))
c.close()
print('closed both')
