# __getattr__ is only called for missing attributes; __getattribute__ for all.
class Lazy:
    existing = 'class attr'
    def __init__(self):
        self.real = 'instance attr'
    def __getattr__(self, name):
        print('  __getattr__', name)
        if name.startswith('computed_'):
            value = name[len('computed_'):] * 2
            setattr(self, name, value)
            return value
        raise AttributeError('%s not available' % name)

x = Lazy()
print(x.real, x.existing)
print(x.computed_ab)
print(x.computed_ab)
print(hasattr(x, 'other'), getattr(x, 'other', 'default'))
try:
    x.other
except AttributeError as e:
    print('AttributeError:', e)

class Proxy:
    def __init__(self, target):
        self._target = target
    def __getattr__(self, name):
        return getattr(self._target, name)
p = Proxy([3, 1, 2])
p.append(0)
p.sort()
print(p._target, p.count(1), p.index(3))

class Spy:
    def __init__(self):
        self.a = 1
    def __getattribute__(self, name):
        if not name.startswith('__'):
            print('  __getattribute__', name)
        return object.__getattribute__(self, name)
    def method(self):
        return self.a
s = Spy()
print(s.a)
print(s.method())
