# Instance __dict__ and vars(): contents, order, and mutation through them.
class Config:
    default_level = 1

    def __init__(self, name):
        self.name = name
        self.level = Config.default_level
        self.tags = []

c = Config('main')
print(c.__dict__)
print(vars(c))
print(vars(c) is c.__dict__)
c.extra = 42
print(list(c.__dict__))
c.__dict__['injected'] = 'yes'
print(c.injected)
vars(c)['level'] = 9
print(c.level)
del c.name
print(c.__dict__)
print('default_level' in Config.__dict__, 'default_level' in c.__dict__)
print('__init__' in Config.__dict__)
class Empty:
    pass
print(vars(Empty()))
try:
    vars(5)
except TypeError as e:
    print('TypeError:', e)
