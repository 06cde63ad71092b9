# next() on an exhausted iterator raises StopIteration; next(it, default) does not.
it = iter([10, 20])
print(next(it), next(it))
try:
    next(it)
except StopIteration as e:
    print('StopIteration', repr(e), e.args, e.value)
print(next(it, 'default'))
print(next(iter(''), None))

def gen():
    yield 1
    return 'result'

g = gen()
print(next(g))
try:
    next(g)
except StopIteration as e:
    print('generator returned', e.value, e.args)
try:
    next(g)
except StopIteration as e:
    print('again', e.value)

d = iter({'a': 1})
print(next(d))
try:
    next(d)
except StopIteration:
    print('dict iterator exhausted')
try:
    raise StopIteration(99)
except StopIteration as e:
    print('manual', e.value)
