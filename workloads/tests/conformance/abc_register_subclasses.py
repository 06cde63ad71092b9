# ABCMeta.register: virtual subclasses, as a decorator, cycles refused;
# __subclasshook__; type.__subclasses__().
import abc

class Shape(abc.ABC):
    @abc.abstractmethod
    def area(self): ...

class Square:
    def area(self):
        return 4

print(Shape.register(Square) is Square)
print(isinstance(Square(), Shape), issubclass(Square, Shape), issubclass(int, Shape))

@Shape.register
class Circle:
    pass

print(Circle.__name__, issubclass(Circle, Shape), isinstance(Circle(), Shape))

class Tiny(Square):
    pass

print(issubclass(Tiny, Shape), isinstance(Tiny(), Shape))

class Sub(Shape):
    pass

class Registered:
    pass

Sub.register(Registered)
print(issubclass(Registered, Sub), issubclass(Registered, Shape))

try:
    Square.register
except AttributeError as e:
    print("AttributeError", e)
try:
    Shape.register(5)
except TypeError as e:
    print("TypeError", e)
try:
    Square.__class__
    Circle.register = None
    class Base(abc.ABC):
        pass
    class Derived(Base):
        pass
    Derived.register(Base)
except RuntimeError as e:
    print("RuntimeError", e)

class Sized(abc.ABC):
    @classmethod
    def __subclasshook__(cls, C):
        if cls is Sized:
            return hasattr(C, "__len__")
        return NotImplemented

class WithLen:
    def __len__(self):
        return 0

print(issubclass(WithLen, Sized), isinstance([], Sized), issubclass(int, Sized))

class MyMeta(abc.ABCMeta):
    pass

class Via(metaclass=MyMeta):
    pass

Via.register(float)
print(isinstance(1.5, Via), isinstance(1, Via), type(Via).__name__)

class A:
    pass
class B(A):
    pass
class C(A):
    pass
class D(B, C):
    pass
print(A.__subclasses__(), B.__subclasses__(), type.__subclasses__(C), D.__subclasses__())
class MyInt(int):
    pass
print(MyInt in int.__subclasses__())
