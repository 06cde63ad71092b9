# Keyword-only arguments after * or *args, and positional-only with /.
def connect(host, *, port=80, secure):
    return '%s:%d secure=%s' % (host, port, secure)

print(connect('example', secure=True))
print(connect('example', port=443, secure=False))

def check(f):
    try:
        print(f())
    except TypeError as e:
        print('TypeError:', e)

check(lambda: connect('h'))
check(lambda: connect('h', 8080, secure=True))
check(lambda: connect('h', secure=1, timeout=5))

def log(*messages, sep=' ', level):
    return level + ': ' + sep.join(messages)
print(log('a', 'b', level='INFO'))
print(log('x', sep='-', level='WARN'))
check(lambda: log('a'))

def both(a, b, *, c, d):
    return a + b + c + d
check(lambda: both(1, 2))

def pos_only(a, b, /, c=3):
    return a, b, c
print(pos_only(1, 2), pos_only(1, 2, c=4))
check(lambda: pos_only(a=1, b=2))
def mixed(a, /, b, *, c):
    return a, b, c
print(mixed(1, 2, c=3), mixed(1, b=2, c=3))
check(lambda: mixed(1, 2, 3))
