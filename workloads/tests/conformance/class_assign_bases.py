# C.__bases__ = (...): the MRO of C and of its subclasses follows, methods
# and isinstance see it; CPython's TypeErrors for what it refuses.
class X:
    def g(self):
        return "X"


class Y:
    def g(self):
        return "Y"

    def only_y(self):
        return "only Y"


class Z(X):
    pass


class W(Z):
    pass


z, w = Z(), W()
print(z.g(), w.g(), Z.__bases__, [c.__name__ for c in W.__mro__])
Z.__bases__ = (Y,)
print(z.g(), w.g(), w.only_y(), Z.__bases__, Z.__base__, [c.__name__ for c in W.__mro__])
print(isinstance(z, Y), isinstance(z, X), issubclass(W, Y), issubclass(W, X))
print([c.__name__ for c in Y.__subclasses__()], [c.__name__ for c in X.__subclasses__()])
Z.__bases__ = (X, Y)
print(z.g(), [c.__name__ for c in Z.__mro__], [c.__name__ for c in W.mro()])
for value in ((), 5, (5,), (Z,), (W,), (int,)):
    try:
        Z.__bases__ = value
    except TypeError as e:
        print("TypeError", e)
print([c.__name__ for c in Z.__mro__])
try:
    int.__bases__ = (object,)
except TypeError as e:
    print("TypeError", e)


class L(list):
    pass


class M(list):
    def total(self):
        return sum(self)


class N(L):
    pass


N.__bases__ = (M,)
print(N([1, 2]).total(), [c.__name__ for c in N.__mro__])


class G:
    def __getattribute__(self, name):
        return "hooked " + name


class Plain:
    pass


class H(Plain):
    pass


h = H()
H.__bases__ = (G,)
print(h.anything)
H.__bases__ = (Plain,)
print(hasattr(h, "anything"))
try:
    H.__bases__ = (object,)
except TypeError as e:
    print("TypeError", e)
