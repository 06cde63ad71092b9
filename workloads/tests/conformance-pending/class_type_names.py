# type(x).__name__ and x.__class__.__name__ for builtins and user classes.
class Widget:
    pass

class Gadget(Widget):
    pass

def f():
    pass

values = [0, 1.5, 'x', b'y', [], (), {}, set(), frozenset(), None, True,
          range(3), Widget(), Gadget(), f, lambda: 0, len, Widget, type, 1j,
          iter([]), (i for i in ()), object(), NotImplemented, Ellipsis, slice(1)]
for v in values:
    print(type(v).__name__, v.__class__.__name__ == type(v).__name__)
print(Gadget.__qualname__, Widget.__module__)
def outer():
    class Inner:
        def m(self):
            pass
    return Inner
I = outer()
print(I.__name__, I.__qualname__)
print(I.m.__qualname__, f.__name__, f.__qualname__)
print(type(I()).__name__)
print(str(Widget)[:8], repr(int), repr(type), repr(Gadget))
