# ABCMeta is a real metaclass: type() of an ABC class, a user metaclass
# deriving from ABCMeta (abstract methods still counted), and its repr.
import abc


class Base(abc.ABC):
    @abc.abstractmethod
    def f(self):
        pass


print(type(Base).__name__, type(abc.ABC).__name__, isinstance(Base, abc.ABCMeta), isinstance(Base, type))


class Impl(Base):
    def f(self):
        return "impl"


print(Impl().f(), type(Impl).__name__)
try:
    Base()
except TypeError as e:
    print("TypeError:", e)


class Meta(abc.ABCMeta):
    def __new__(mcs, name, bases, ns):
        cls = super().__new__(mcs, name, bases, ns)
        cls.tag = name.lower()
        return cls


class C(metaclass=Meta):
    @abc.abstractmethod
    def g(self):
        pass


try:
    C()
except TypeError as e:
    print("TypeError:", e)


class D(C):
    def g(self):
        return 1


print(D().g(), D.tag, type(D).__name__, isinstance(D, abc.ABCMeta), Meta.__mro__)


class Shape(metaclass=abc.ABCMeta):
    @property
    @abc.abstractmethod
    def area(self):
        pass


class Square(Shape):
    area = 4


print(Square().area, type(Shape).__name__)
