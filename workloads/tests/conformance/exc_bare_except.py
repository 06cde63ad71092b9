# A bare except: catches everything, including BaseException subclasses.
import sys

def run(f):
    try:
        f()
    except:
        t, v, tb = sys.exc_info()
        print('bare caught', t.__name__, v)

def a():
    raise KeyError('k')

def b():
    raise SystemExit(3)

def c():
    raise KeyboardInterrupt('ctrl-c')

def d():
    return undefined_name

run(a)
run(b)
run(c)
run(d)
print(sys.exc_info())
try:
    raise ValueError('v')
except:
    print('in handler', sys.exc_info()[0].__name__)
print('after handler', sys.exc_info()[0])
