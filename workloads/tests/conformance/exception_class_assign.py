# Assigning an exception instance's __class__: allowed between user
# exception classes of one layout (CPython's object_set_class), a
# TypeError otherwise.


class A(Exception):
    pass


class B(Exception):
    def describe(self):
        return "B with " + repr(self.args)


class A2(A):
    pass


class C(KeyError):
    pass


class S(Exception):
    __slots__ = ("x",)


class P:
    pass


e = A(1, "two")
e.note = "kept"
e.__class__ = B
print(type(e).__name__, e.args, e.note, isinstance(e, B), isinstance(e, A), e.describe())
e.__class__ = A2
print(type(e).__name__, isinstance(e, A), e.__class__ is A2)
e.__class__ = A
print(type(e).__name__)
try:
    raise e
except A as caught:
    print("caught as A:", caught.args)
e.__class__ = B
try:
    raise e
except A:
    print("wrong")
except B as caught:
    print("caught as B:", caught.args, repr(caught))

for target in [C, S, P, Exception, ValueError, int]:
    x = A(1)
    try:
        x.__class__ = target
        print(target.__name__, "ok")
    except TypeError as err:
        print(target.__name__, "TypeError:", err)

for builtin in [ValueError("v"), KeyError("k"), Exception()]:
    try:
        builtin.__class__ = A
    except TypeError as err:
        print(type(builtin).__name__, "TypeError:", err)
try:
    A().__class__ = 5
except TypeError as err:
    print("TypeError:", err)

# In a loop (the old classes are not needed once replaced).
x = A()
for i in range(1000):
    x.__class__ = B if i % 2 == 0 else A
print(type(x).__name__)
