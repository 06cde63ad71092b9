# metaclass=ABCMeta, abstract properties/classmethods, and register().
import abc

class Plugin(metaclass=abc.ABCMeta):
    @property
    @abc.abstractmethod
    def name(self):
        ...

    @classmethod
    @abc.abstractmethod
    def create(cls):
        ...

    def run(self):
        return 'running ' + self.name

class Echo(Plugin):
    @property
    def name(self):
        return 'echo'
    @classmethod
    def create(cls):
        return cls()

print(type(Plugin).__name__, type(Echo).__name__)
print(Echo.create().run())
try:
    Plugin()
except TypeError as e:
    print('TypeError:', e)

class Sized(abc.ABC):
    @abc.abstractmethod
    def __len__(self):
        return 0

class Virtual:
    def __len__(self):
        return 7
print(isinstance(Virtual(), Sized))
Sized.register(Virtual)
print(isinstance(Virtual(), Sized), issubclass(Virtual, Sized))
print(Sized not in Virtual.__mro__)

class Concrete(Sized):
    def __len__(self):
        return super().__len__() + 3
print(len(Concrete()))
print(isinstance(abc.ABC, abc.ABCMeta))
