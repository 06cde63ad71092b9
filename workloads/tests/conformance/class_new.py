# __new__: implicit staticmethod, singletons, skipping __init__, object.__new__ and its argument rules, exceptions.
class Singleton:
    _instance = None
    def __new__(cls, *args, **kwargs):
        if cls._instance is None:
            print("creating", cls.__name__)
            cls._instance = super().__new__(cls)
        return cls._instance
    def __init__(self, value):
        print("init", value)
        self.value = value
a = Singleton(1)
b = Singleton(2)
print(a is b, a.value, type(Singleton.__dict__["__new__"]).__name__)

class Other:
    def __new__(cls):
        return 42
    def __init__(self):
        print("never")
print(Other())

class Point:
    def __new__(cls, x, y):
        self = object.__new__(cls)
        self.x, self.y = x, y
        return self
p = Point(1, 2)
print(p.x, p.y, type(p).__name__)

class Sub(Point):
    def __init__(self, x, y):
        print("Sub init", self.x, self.y)
Sub(3, 4)

class Err(Exception):
    def __new__(cls, *args):
        print("Err.__new__", args)
        return super().__new__(cls, *args)
e = Err("boom", 1)
print(repr(e), e.args)

class Plain:
    pass
class WithInit:
    def __init__(self, a):
        self.a = a
print(object.__new__(WithInit, 1).__class__.__name__)
for attempt in [lambda: object.__new__(Plain, 1), lambda: object.__new__(5), lambda: Plain(1),
                lambda: object.__new__(int)]:
    try:
        attempt()
    except TypeError as e:
        print("TypeError:", e)
class Bad:
    def __new__(cls, *a):
        return super().__new__(cls, *a)
try:
    Bad(1)
except TypeError as e:
    print("TypeError:", e)
