import sys, builtins
a = "".join(["in", "terned"])
b = "".join(["inter", "ned"])
print(a is b, sys.intern(a) is sys.intern(b), sys.intern(a) == "interned")
try:
    sys.intern(b"x")
except TypeError as e:
    print(e)
print(callable(builtins.__build_class__))
C = builtins.__build_class__(lambda: None, "C")
print(C.__name__, C.__bases__)

class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        print("Meta.__new__", name, [b.__name__ for b in bases], sorted(k for k in ns if not k.startswith("__")), kw)
        return super().__new__(mcls, name, bases, ns)

def body():
    x = 1
D = builtins.__build_class__(body, "D", C, metaclass=Meta, flag=True)
print(type(D).__name__, D.__mro__[1].__name__)
for bad in [(), (body,), (1, "X"), (body, 2)]:
    try:
        builtins.__build_class__(*bad)
    except TypeError as e:
        print("TypeError:", e)
