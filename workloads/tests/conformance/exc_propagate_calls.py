# Exceptions unwind through several frames, running finally blocks on the way.
trace = []

def level(n):
    trace.append('enter %d' % n)
    try:
        if n == 0:
            raise ValueError('bottom reached')
        return level(n - 1)
    finally:
        trace.append('leave %d' % n)

try:
    level(4)
except ValueError as e:
    trace.append('caught: ' + str(e))
for line in trace:
    print(line)

def parse_all(items):
    return [parse(x) for x in items]

def parse(x):
    return int(x) * 2

try:
    print(parse_all(['1', '2', 'three']))
except ValueError as e:
    print('parse failed:', e)

def safe(fn, *args):
    try:
        return fn(*args)
    except Exception as e:
        return '%s: %s' % (type(e).__name__, e)

print(safe(parse, '21'))
print(safe(parse, 'z'))
print(safe(lambda: [1][5]))
print(safe(lambda a, b: a / b, 1, 0))
