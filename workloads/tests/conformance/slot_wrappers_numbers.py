# The number types' slots as methods: int.__add__, (5).__radd__(3),
# NotImplemented for an operand type the type does not handle, and
# CPython's argument and descriptor errors.


def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


show("int.__add__(5, 3)", lambda: int.__add__(5, 3))
show("(5).__add__(3)", lambda: (5).__add__(3))
show("(5).__add__(1.5)", lambda: (5).__add__(1.5))
show("(5).__radd__(3)", lambda: (5).__radd__(3))
show("(5).__rsub__(1)", lambda: (5).__rsub__(1))
show("(5).__sub__(1)", lambda: (5).__sub__(1))
show("(5).__mul__('a')", lambda: (5).__mul__("a"))
show("(5).__truediv__(2)", lambda: (5).__truediv__(2))
show("(5).__rtruediv__(1)", lambda: (5).__rtruediv__(1))
show("(5).__floordiv__(2)", lambda: (5).__floordiv__(2))
show("(5).__mod__(2)", lambda: (5).__mod__(2))
show("(5).__mod__(0)", lambda: (5).__mod__(0))
show("(5).__pow__(2)", lambda: (5).__pow__(2))
show("(5).__pow__(2, 3)", lambda: (5).__pow__(2, 3))
show("(5).__rpow__(2)", lambda: (5).__rpow__(2))
show("(5).__lshift__(1)", lambda: (5).__lshift__(1))
show("(5).__rlshift__(1)", lambda: (5).__rlshift__(1))
show("(5).__rshift__(1)", lambda: (5).__rshift__(1))
show("(5).__and__(3)", lambda: (5).__and__(3))
show("(5).__or__(3)", lambda: (5).__or__(3))
show("(5).__xor__(3)", lambda: (5).__xor__(3))
show("(5).__rxor__(3)", lambda: (5).__rxor__(3))
show("(5).__divmod__(2)", lambda: (5).__divmod__(2))
show("(5).__rdivmod__(17)", lambda: (5).__rdivmod__(17))
show("(5).__divmod__(0.5)", lambda: (5).__divmod__(0.5))
show("(2**70).__add__(1)", lambda: (2**70).__add__(1))
show("True.__and__(True)", lambda: True.__and__(True))
show("True.__and__(1)", lambda: True.__and__(1))
show("True.__add__(True)", lambda: True.__add__(True))
show("bool.__or__(False, True)", lambda: bool.__or__(False, True))
show("int.__add__(True, 2)", lambda: int.__add__(True, 2))

show("(5).__eq__(5)", lambda: (5).__eq__(5))
show("(5).__eq__('a')", lambda: (5).__eq__("a"))
show("(5).__eq__(5.0)", lambda: (5).__eq__(5.0))
show("(5).__ne__(5)", lambda: (5).__ne__(5))
show("(5).__lt__(6)", lambda: (5).__lt__(6))
show("(5).__lt__(6.0)", lambda: (5).__lt__(6.0))
show("(5).__ge__(True)", lambda: (5).__ge__(True))
show("int.__eq__(True, 1)", lambda: int.__eq__(True, 1))

show("(1.5).__mul__(2)", lambda: (1.5).__mul__(2))
show("(1.5).__add__(1)", lambda: (1.5).__add__(1))
show("(1.5).__rsub__(1)", lambda: (1.5).__rsub__(1))
show("(1.5).__add__('a')", lambda: (1.5).__add__("a"))
show("(1.5).__truediv__(0)", lambda: (1.5).__truediv__(0))
show("(1.5).__eq__(1)", lambda: (1.5).__eq__(1))
show("(1.5).__lt__(2)", lambda: (1.5).__lt__(2))
show("(1.5).__lt__('a')", lambda: (1.5).__lt__("a"))
show("(1.5).__pow__(2)", lambda: (1.5).__pow__(2))
show("(7.5).__divmod__(2)", lambda: (7.5).__divmod__(2))
show("float.__truediv__(1.0, 4)", lambda: float.__truediv__(1.0, 4))

show("(5).__neg__()", lambda: (5).__neg__())
show("(5).__pos__()", lambda: (5).__pos__())
show("(-5).__abs__()", lambda: (-5).__abs__())
show("(5).__invert__()", lambda: (5).__invert__())
show("(0).__bool__()", lambda: (0).__bool__())
show("(5).__int__()", lambda: (5).__int__())
show("(5).__float__()", lambda: (5).__float__())
show("(5).__index__()", lambda: (5).__index__())
show("(5).__trunc__()", lambda: (5).__trunc__())
show("(5).__round__()", lambda: (5).__round__())
show("(1234).__round__(-2)", lambda: (1234).__round__(-2))
show("(5).__getnewargs__()", lambda: (5).__getnewargs__())
show("(5).__hash__()", lambda: (5).__hash__())
show("(5).__repr__()", lambda: (5).__repr__())
show("(5).__str__()", lambda: (5).__str__())
show("(255).__format__('x')", lambda: (255).__format__("x"))
show("True.__int__()", lambda: True.__int__())
show("True.__neg__()", lambda: True.__neg__())
show("True.__repr__()", lambda: True.__repr__())
show("True.__getnewargs__()", lambda: True.__getnewargs__())
show("(-1.5).__neg__()", lambda: (-1.5).__neg__())
show("(-1.5).__abs__()", lambda: (-1.5).__abs__())
show("(1.5).__int__()", lambda: (1.5).__int__())
show("(-1.5).__trunc__()", lambda: (-1.5).__trunc__())
show("(-1.5).__floor__()", lambda: (-1.5).__floor__())
show("(1.5).__ceil__()", lambda: (1.5).__ceil__())
show("(2.5).__round__()", lambda: (2.5).__round__())
show("(2.567).__round__(2)", lambda: (2.567).__round__(2))
show("(0.0).__bool__()", lambda: (0.0).__bool__())
show("(1.5).__float__()", lambda: (1.5).__float__())
show("(1.5).__getnewargs__()", lambda: (1.5).__getnewargs__())
show("float('inf').__int__()", lambda: float("inf").__int__())
show("float('nan').__floor__()", lambda: float("nan").__floor__())
show("complex(1, 2).__add__(1)", lambda: complex(1, 2).__add__(1))
show("complex(1, 2).__rsub__(1)", lambda: complex(1, 2).__rsub__(1))
show("complex(1, 2).__eq__(complex(1, 2))", lambda: complex(1, 2).__eq__(complex(1, 2)))
show("complex(1, 2).__neg__()", lambda: complex(1, 2).__neg__())

# Argument and descriptor errors.
show("(5).__add__()", lambda: (5).__add__())
show("(5).__add__(1, 2)", lambda: (5).__add__(1, 2))
show("(5).__add__(x=1)", lambda: (5).__add__(x=1))
show("(5).__neg__(1)", lambda: (5).__neg__(1))
show("(5).__pow__()", lambda: (5).__pow__())
show("(5).__pow__(1, 2, 3)", lambda: (5).__pow__(1, 2, 3))
show("int.__add__('a', 1)", lambda: int.__add__("a", 1))
show("int.__add__()", lambda: int.__add__())
show("int.__neg__('a')", lambda: int.__neg__("a"))
show("float.__add__(1, 2.0)", lambda: float.__add__(1, 2.0))
show("int.__add__.__name__", lambda: int.__add__.__name__)
show("(5).__add__.__name__", lambda: (5).__add__.__name__)


# Subclasses: their own overrides first, super() reaches int's wrapper.
class I(int):
    def __add__(self, other):
        return ("I.__add__", super().__add__(other))

    def __eq__(self, other):
        return super().__eq__(other)

    __hash__ = int.__hash__


i = I(5)
show("I(5) + 1", lambda: i + 1)
show("I(5).__add__(1)", lambda: i.__add__(1))
show("I(5).__sub__(1)", lambda: i.__sub__(1))
show("I(5).__radd__(1)", lambda: i.__radd__(1))
show("I(5) == 5", lambda: i == 5)
show("I(5).__eq__(5.0)", lambda: i.__eq__(5.0))
show("int.__add__(I(5), 2)", lambda: int.__add__(i, 2))
show("I(5).__neg__()", lambda: i.__neg__())
show("I(5).__index__()", lambda: i.__index__())
show("hash(I(5))", lambda: hash(i))


class F(float):
    def __mul__(self, other):
        return super().__mul__(other) + 1


show("F(1.5) * 2", lambda: F(1.5) * 2)
show("F(1.5).__truediv__(3)", lambda: F(1.5).__truediv__(3))
show("sorted(dir(F)) == dir(float)", lambda: sorted(dir(F)) == dir(float))
