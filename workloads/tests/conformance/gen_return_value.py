# return in a generator sets StopIteration.value; plain for loops ignore it.
def countdown(n):
    while n > 0:
        yield n
        n -= 1
    return 'liftoff'

print(list(countdown(3)))
g = countdown(1)
print(next(g))
try:
    next(g)
except StopIteration as e:
    print('value:', e.value, '| args:', e.args)

def early(flag):
    if flag:
        return 'returned before yielding'
    yield 'yielded'
try:
    next(early(True))
except StopIteration as e:
    print('early:', e.value)
print(list(early(False)))

def delegator():
    result = yield from countdown(2)
    yield 'sub returned ' + result
print(list(delegator()))

def no_return():
    yield 1
g = no_return()
next(g)
try:
    next(g)
except StopIteration as e:
    print('implicit return value:', e.value)

def bad():
    yield 1
    raise StopIteration('inside')
try:
    list(bad())
except RuntimeError as e:
    print('RuntimeError:', e, '| cause:', type(e.__cause__).__name__)
