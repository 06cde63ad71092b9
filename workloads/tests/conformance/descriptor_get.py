# __get__/__set__/__delete__ of functions, properties, static and class methods.
def f(x=1):
    return x
class A:
    @property
    def p(self):
        return 1
    @staticmethod
    def s():
        return 2
    @classmethod
    def c(cls):
        return cls.__name__
    def m(self):
        return 3
for o in [f, A.__dict__['p'], A.__dict__['s'], A.__dict__['c']]:
    print(type(o).__name__, hasattr(o, '__get__'), hasattr(o, '__set__'), hasattr(o, '__delete__'))
a = A()
print(f.__get__(a)() is a, f.__get__(a, A)() is a, f.__get__(None, A)(5))
print(A.__dict__['p'].__get__(a, A), A.__dict__['p'].__get__(None, A) is A.__dict__['p'])
print(A.__dict__['s'].__get__(a)(), A.__dict__['c'].__get__(None, A)(), A.__dict__['c'].__get__(a)())
bm = A.__dict__['m'].__get__(a)
print(bm(), bm.__self__ is a)
try:
    A.__dict__['p'].__set__(a, 1)
except AttributeError as e:
    print("AttributeError", e)
try:
    A.__dict__['p'].__delete__(a)
except AttributeError as e:
    print("AttributeError", e)
try:
    f.__get__(None, None)
except TypeError as e:
    print("TypeError", e)
class B:
    def _get(self):
        return self._v
    def _set(self, v):
        self._v = v * 2
    v = property(_get, _set, lambda self: print("deleted"))
b = B()
B.__dict__['v'].__set__(b, 4)
print(B.__dict__['v'].__get__(b), b.v)
B.__dict__['v'].__delete__(b)
class Meta(type):
    def __setattr__(cls, name, value):
        print("meta setattr", name, value)
        super().__setattr__(name, value)
    def __delattr__(cls, name):
        print("meta delattr", name)
        super().__delattr__(name)
class C(metaclass=Meta):
    pass
C.x = 1
print(C.x)
del C.x
print(hasattr(C, "x"))
class D:
    "doc of D"
class E:
    pass
print(D.__doc__, E.__doc__, E().__doc__, None.__doc__, '__doc__' in E.__dict__)
