# What a class's __call__ attribute is decides how calling an instance binds
# it: a function gets the instance, a static method does not, a class method
# gets the class, a builtin or a callable instance is called as it is, a
# property's getter gives the callable.
class A:
    pass


class B:
    def __call__(self, *args):
        return ('B called', len(args))


A.__call__ = B()
print(A()(1, 2))


class C:
    __call__ = staticmethod(lambda *a: ('static', a))


print(C()(1))


class D:
    __call__ = classmethod(lambda cls, *a: (cls.__name__, a))


print(D()(1))


class E:
    __call__ = print


E()('via builtin')


class P:
    __call__ = property(lambda self: (lambda *a: ('property', a)))


print(P()(3))


class F:
    def __call__(self, x, *, k=0):
        return (type(self).__name__, x, k)


print(F()(1, k=2))
try:
    F()()
except TypeError as e:
    print(type(e).__name__, e)
