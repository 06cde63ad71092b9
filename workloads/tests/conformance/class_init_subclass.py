# __init_subclass__ registers subclasses; class-level counters and registries.
registry = {}

class Plugin:
    def __init_subclass__(cls, key=None, **kw):
        super().__init_subclass__(**kw)
        registry[key or cls.__name__.lower()] = cls
        print('registered', cls.__name__)

class Alpha(Plugin):
    pass

class Beta(Plugin, key='b'):
    pass

class Gamma(Beta):
    pass

print(sorted(registry))
print(registry['b'].__name__, registry['gamma'].__mro__[1].__name__)
print(Plugin.__subclasses__() == [Alpha, Beta], [c.__name__ for c in Beta.__subclasses__()])
