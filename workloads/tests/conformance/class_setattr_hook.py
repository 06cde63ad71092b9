# __setattr__ and __delattr__ intercept assignment and deletion.
class Validated:
    def __init__(self, x):
        self.x = x
    def __setattr__(self, name, value):
        print('  __setattr__', name, repr(value))
        if name == 'x' and not isinstance(value, int):
            raise TypeError('x must be int')
        object.__setattr__(self, name, value)
    def __delattr__(self, name):
        print('  __delattr__', name)
        if name == 'x':
            raise AttributeError('cannot delete x')
        object.__delattr__(self, name)

v = Validated(3)
v.x = 10
v.label = 'ok'
print(v.x, v.label, v.__dict__)
try:
    v.x = 'bad'
except TypeError as e:
    print('TypeError:', e)
try:
    del v.x
except AttributeError as e:
    print('AttributeError:', e)
del v.label
print(v.__dict__)
setattr(v, 'y', 5)
print(v.y)

class Frozen:
    def __init__(self, **kw):
        for k, val in kw.items():
            object.__setattr__(self, k, val)
    def __setattr__(self, name, value):
        raise AttributeError("can't set attribute %r" % name)
f = Frozen(a=1, b=2)
print(f.a, f.b)
try:
    f.a = 5
except AttributeError as e:
    print('AttributeError:', e)

class Recorder:
    def __init__(self):
        self.__dict__['history'] = []
    def __setattr__(self, name, value):
        self.history.append((name, value))
        self.__dict__[name] = value
r = Recorder()
r.a = 1
r.b = 2
r.a = 3
print(r.history, r.a)
