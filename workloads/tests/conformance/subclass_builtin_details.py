# Details of user subclasses seen as CPython sees them: a KeyError
# subclass's str, refused bases, the reflected operator of the same class.
class KE(KeyError):
    pass


class KE2(KE):
    pass


print(str(KE("k")), str(KE2("k")), str(KE("a", "b")), repr(KE("k")))
try:
    {}["missing"]
except KeyError as e:
    print(str(e))
for base in ("memoryview", "bool", "range", "slice", "type(None)", "type(lambda: 0)",
             "type(__import__('threading').Lock())"):
    try:
        exec("class X(%s): pass" % base)
    except TypeError as e:
        print("TypeError", e)


class A:
    def __radd__(self, other):
        return "radd"


a, b = A(), A()
try:
    a + b
except TypeError as e:
    print("TypeError", e)
print(1 + a)


class B(A):
    def __add__(self, other):
        return NotImplemented


try:
    B() + B()
except TypeError as e:
    print("TypeError", e)
print(B() + A() if False else A() + 1 if False else "skip")
print(A.__radd__(a, 2), B() .__radd__(3))


class C(A):
    pass


print(a + C(), C() + 5 if hasattr(C, "__add__") else "no add")
