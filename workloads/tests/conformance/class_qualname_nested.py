class Outer:
    class Inner:
        def m(self): pass
    def f(self):
        class Local: pass
        return Local
print(Outer.Inner, Outer.Inner.__qualname__, Outer.Inner.m.__qualname__)
print(Outer().f().__qualname__, Outer().f())
def g():
    class H: pass
    return H
print(g().__qualname__)
print('__qualname__' in Outer.__dict__, Outer.__qualname__)
T = type("T", (), {"__qualname__": "X.T"})
print(T, T.__qualname__, T.__name__)
try:
    type("U", (), {"__qualname__": 3})
except TypeError as e:
    print(e)
class M(type):
    def __new__(mcls, name, bases, ns):
        print("ns qualname", ns["__qualname__"])
        return super().__new__(mcls, name, bases, ns)
class Host:
    class V(metaclass=M): pass
print(Host.V.__qualname__)
import enum
class Color(enum.Enum):
    RED = 1
print(Color.__qualname__, repr(Color.RED))
