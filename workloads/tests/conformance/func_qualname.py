# __qualname__ of functions, methods and nested definitions, and where it shows.
def outer():
    def inner():
        pass
    return inner

class Shape:
    def area(self):
        return 0
    class Meta:
        def info(self):
            pass
    @staticmethod
    def make():
        def helper():
            pass
        return helper

print(outer.__qualname__, outer().__qualname__, outer.__name__, outer().__name__)
print(Shape.area.__qualname__, Shape.Meta.info.__qualname__, Shape.make().__qualname__)
print((lambda: 0).__qualname__, outer().__module__)
print(repr(Shape.area).startswith('<function Shape.area at 0x'))
print(repr(Shape().area).startswith('<bound method Shape.area of <__main__.Shape object at 0x'))
g = (x for x in [])
print(repr(g).startswith('<generator object <genexpr> at 0x'))
def gen():
    yield 1
print(repr(gen()).startswith('<generator object gen at 0x'))

def check(f):
    try:
        f()
    except TypeError as e:
        print('TypeError:', e)
check(lambda: Shape().area(1))
check(lambda: Shape.area())
check(lambda: outer()(1))
check(lambda: Shape.Meta().info(x=1))
