# Retry loops, counters and state that survive exceptions.
attempts = {'n': 0}

def flaky():
    attempts['n'] += 1
    if attempts['n'] < 4:
        raise ConnectionError('attempt %d failed' % attempts['n'])
    return 'success on attempt %d' % attempts['n']

for i in range(10):
    try:
        result = flaky()
    except ConnectionError as e:
        print('retry:', e)
        continue
    print(result)
    break

stack = []
def push_all(values):
    for v in values:
        if v is None:
            raise ValueError('None in input')
        stack.append(v)

try:
    push_all([1, 2, None, 4])
except ValueError as e:
    print(e, stack)

results = []
for x in [4, 0, 'a', 2, None]:
    try:
        results.append(8 / x)
    except ZeroDivisionError:
        results.append('inf')
    except TypeError as e:
        results.append(type(e).__name__)
print(results)
print(issubclass(ConnectionError, OSError))
