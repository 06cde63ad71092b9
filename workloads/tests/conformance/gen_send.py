# send() passes values into a suspended generator.
def accumulator():
    total = 0
    count = 0
    while True:
        value = yield total
        if value is None:
            print('  got None, ignoring')
            continue
        total += value
        count += 1
        print('  received', value, 'count', count)

acc = accumulator()
print(next(acc))
print(acc.send(10))
print(acc.send(5))
print(next(acc))
print(acc.send(-3))

def echo():
    received = []
    while len(received) < 3:
        x = yield len(received)
        received.append(x)
    return received

e = echo()
print(e.send(None))
print(e.send('a'))
print(e.send('b'))
try:
    e.send('c')
except StopIteration as stop:
    print('finished with', stop.value)

fresh = echo()
try:
    fresh.send('too early')
except TypeError as err:
    print('TypeError:', err)
