# yield from delegates to sub-iterators and returns the sub-generator's value.
def inner(tag):
    yield tag + '1'
    yield tag + '2'
    return 'inner-' + tag + '-done'

def outer():
    r1 = yield from inner('a')
    print('  r1 =', r1)
    r2 = yield from inner('b')
    print('  r2 =', r2)
    yield from [10, 20]
    yield from range(2)
    yield from 'xy'
    return 'outer done'

print(list(outer()))
g = outer()
try:
    while True:
        print('next ->', next(g))
except StopIteration as e:
    print('StopIteration value:', e.value)

def flatten(nested):
    for item in nested:
        if isinstance(item, list):
            yield from flatten(item)
        else:
            yield item
print(list(flatten([1, [2, [3, [4]], 5], [[6]]])))

def chain(*iterables):
    for it in iterables:
        yield from it
print(list(chain('ab', (1, 2), {'k': 0})))
