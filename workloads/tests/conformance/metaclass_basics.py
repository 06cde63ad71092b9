# Metaclasses: __new__/__init__/__call__ through super(), keywords passed
# through to __init_subclass__, methods and properties of the metaclass
# seen on its classes, the most derived metaclass of the bases, conflicts.
class Meta(type):
    def __new__(mcs, name, bases, ns, **kw):
        print("Meta.__new__", mcs.__name__, name, [b.__name__ for b in bases], sorted(k for k in ns if not k.startswith("__")), kw)
        cls = super().__new__(mcs, name, bases, ns)
        cls.created_by = mcs.__name__
        return cls

    def __init__(cls, name, bases, ns, **kw):
        print("Meta.__init__", name, kw)
        super().__init__(name, bases, ns)

    def __call__(cls, *args, **kwargs):
        print("Meta.__call__", cls.__name__, args, kwargs)
        inst = super().__call__(*args, **kwargs)
        inst.tagged = True
        return inst

    def describe(cls):
        return "class " + cls.__name__

    @property
    def upper_name(cls):
        return cls.__name__.upper()


class A(metaclass=Meta, flavour="x"):
    def __init__(self, v):
        self.v = v

    def method(self):
        return self.v * 2

    @classmethod
    def __init_subclass__(cls, **kw):
        print("init_subclass", cls.__name__, kw)


class B(A, flavour="y"):
    pass


a = A(3)
print(type(A) is Meta, type(B) is Meta, isinstance(A, Meta), isinstance(A, type), A.created_by)
print(a.v, a.method(), a.tagged, type(a) is A, isinstance(a, A))
print(A.describe(), B.describe(), A.upper_name, B.upper_name)
print(Meta.__mro__, type(Meta))
b = B(5)
print(b.v, b.tagged)
try:
    a.describe()
except AttributeError as e:
    print("AttributeError:", e)
C = Meta("C", (), {"x": 1})
print(C.x, type(C).__name__, C.describe())


class Plain(type):
    pass


class D(metaclass=Plain):
    pass


print(type(D), type(D()).__name__, repr(D))


class Other(type):
    pass


try:
    class E(A, metaclass=Other):
        pass
except TypeError as e:
    print("TypeError:", e)


class Sub(Meta):
    pass


class F(A, metaclass=Sub):
    pass


print(type(F).__name__)
