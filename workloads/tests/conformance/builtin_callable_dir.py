# callable() on various objects and dir() of user objects (public names only).
class Robot:
    species = 'bot'
    def __init__(self, name):
        self.name = name
        self._secret = 1
    def walk(self):
        pass
    @property
    def label(self):
        return self.name
    @staticmethod
    def helper():
        pass

r = Robot('r2')
r.extra = True
print([n for n in dir(r) if not n.startswith('_')])
print([n for n in dir(Robot) if not n.startswith('_')])
print('__init__' in dir(r), '_secret' in dir(r), 'name' in dir(Robot))
print(dir(r) == sorted(dir(r)))
print(callable(r), callable(Robot), callable(r.walk), callable(Robot.helper), callable(r.name))
print(callable(print), callable(None), callable([].append), callable(str), callable('str'))
print([n for n in dir([]) if not n.startswith('_')])
print([n for n in dir({}) if not n.startswith('_')])
