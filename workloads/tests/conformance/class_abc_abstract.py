# abc.ABC with abstractmethod: instantiation errors and concrete subclasses.
from abc import ABC, abstractmethod

class Shape(ABC):
    @abstractmethod
    def area(self):
        pass

    def describe(self):
        return '%s with area %s' % (type(self).__name__, self.area())

class Square(Shape):
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s * self.s

class Partial(Shape):
    pass

try:
    Shape()
except TypeError as e:
    print('TypeError:', e)
try:
    Partial()
except TypeError as e:
    print('TypeError:', e)
print(Square(3).describe())
print(isinstance(Square(1), Shape), issubclass(Square, ABC))
print(sorted(Shape.__abstractmethods__), sorted(Square.__abstractmethods__))

class Base2(ABC):
    @abstractmethod
    def load(self):
        pass
    @abstractmethod
    def save(self):
        pass
try:
    Base2()
except TypeError as e:
    print('TypeError:', e)

class Half(Base2):
    def load(self):
        return 'loaded'
try:
    Half()
except TypeError as e:
    print('TypeError:', e)

class Full(Half):
    def save(self):
        return super().load() + ' and saved'
print(Full().save())
