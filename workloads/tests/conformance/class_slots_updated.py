# Dunders set on or deleted from a class after it was made are seen by the
# class and its subclasses: __getattribute__, __new__, __del__.
class G:
    pass

class H(G):
    pass

def getattribute(self, name):
    return "got " + name

G.__getattribute__ = getattribute
print(G().x, H().y)
del G.__getattribute__
try:
    print(H().y)
except AttributeError as e:
    print("AttributeError", e)

def new(cls, *args):
    print("new", cls.__name__, args)
    return object.__new__(cls)

G.__new__ = new
g = G()
h = H()
print(type(g).__name__, type(h).__name__)
del G.__new__
print(type(H()).__name__)

class K:
    pass

def finalizer(self):
    print("del", type(self).__name__)

K.__del__ = finalizer

class L(K):
    pass

k = L()
del k
L.__del__ = lambda self: print("L's own del")
k = L()
del k

print("end")
