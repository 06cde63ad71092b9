# Functions as values: passing, returning, storing in containers.
def apply_n(f, n, x):
    for _ in range(n):
        x = f(x)
    return x

def double(x):
    return x * 2

print(apply_n(double, 10, 1), apply_n(str.upper, 1, 'abc'))

def pipeline(*funcs):
    def run(value):
        for f in funcs:
            value = f(value)
        return value
    return run

clean = pipeline(str.strip, str.lower, lambda s: s.replace(' ', '_'))
print(clean('  Hello World  '))
handlers = {}
def on(event):
    def deco(fn):
        handlers.setdefault(event, []).append(fn)
        return fn
    return deco

@on('start')
def a():
    return 'a started'
@on('start')
def b():
    return 'b started'
@on('stop')
def c():
    return 'c stopped'
for event in ('start', 'stop', 'other'):
    print(event, [h() for h in handlers.get(event, [])])
print(max(['pear', 'fig', 'banana'], key=len), min([3, -7, 5], key=abs))
print(sorted(['b', 'A', 'c'], key=str.lower))
