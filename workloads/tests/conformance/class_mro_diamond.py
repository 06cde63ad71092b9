# C3 linearization for diamond hierarchies and cooperative super().
class A:
    def who(self):
        return ['A']

class B(A):
    def who(self):
        return ['B'] + super().who()

class C(A):
    def who(self):
        return ['C'] + super().who()

class D(B, C):
    def who(self):
        return ['D'] + super().who()

print([c.__name__ for c in D.__mro__])
print(D().who())
print([c.__name__ for c in D.mro()])
print(type(D.mro()).__name__, type(D.__mro__).__name__)

class E(C, B):
    pass
print([c.__name__ for c in E.__mro__])
print(E().who())

class X: pass
class Y: pass
class Z: pass
class K1(X, Y): pass
class K2(Y, Z): pass
class K3(X, Z): pass
class Top(K1, K2, K3): pass
print([c.__name__ for c in Top.__mro__])
