# obj.__class__ = C where CPython allows it (compatible user classes), and
# CPython's TypeError otherwise; __bases__ assignments CPython refuses.
class A:
    def f(self):
        return "A"


class B:
    def f(self):
        return "B"


a = A()
a.x = 1
a.__class__ = B
print(a.f(), type(a).__name__, isinstance(a, B), isinstance(a, A), a.x)
a.__class__ = A
print(a.f())


class S(A):
    __slots__ = ("x",)


class T(A):
    __slots__ = ("y",)


class S2(A):
    __slots__ = ("x",)


s = S()
try:
    s.__class__ = T
except TypeError as e:
    print("TypeError", e)
s.__class__ = S2
print(type(s).__name__)
for target in (int, 5, "x"):
    try:
        a.__class__ = target
    except TypeError as e:
        print("TypeError", e)
try:
    (1).__class__ = bool
except TypeError as e:
    print("TypeError", e)
try:
    object().__class__ = A
except TypeError as e:
    print("TypeError", e)


class L(list):
    def __repr__(self):
        return "L" + list.__repr__(self)


class L2(list):
    def __repr__(self):
        return "L2" + list.__repr__(self)


lst = L([1, 2])
lst.__class__ = L2
print(lst, type(lst).__name__, len(lst))
try:
    lst.__class__ = A
except TypeError as e:
    print("TypeError", e)
try:
    lst.__class__ = list
except TypeError as e:
    print("TypeError", e)


class Meta(type):
    pass


class WithMeta(metaclass=Meta):
    def f(self):
        return "WithMeta"


a.__class__ = WithMeta
print(a.f(), type(type(a)).__name__)


class Sub(B):
    def f(self):
        return "Sub+" + super().f()


b = B()
b.__class__ = Sub
print(b.f())


class X:
    pass


class Z(X):
    pass


for value in ((), 5, (5,), (Z,)):
    try:
        Z.__bases__ = value
    except TypeError as e:
        print("TypeError", e)
try:
    int.__bases__ = (object,)
except TypeError as e:
    print("TypeError", e)
print(Z.__bases__)
