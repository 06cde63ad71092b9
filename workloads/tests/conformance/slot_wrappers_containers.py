# The container types' slots as methods: concatenation and repetition,
# the in-place operators, comparisons, the set and dict operators, and the
# methods every value inherits from object.


def show(label, f):
    try:
        r = f()
        if hasattr(r, "__next__"):
            r = list(r)
        print(label, repr(r))
    except Exception as e:
        print(label, type(e).__name__, e)


show("'a'.__add__('b')", lambda: "a".__add__("b"))
show("'a'.__add__(1)", lambda: "a".__add__(1))
show("'a'.__mul__(3)", lambda: "a".__mul__(3))
show("'a'.__rmul__(3)", lambda: "a".__rmul__(3))
show("'a'.__mul__('b')", lambda: "a".__mul__("b"))
show("'%s!'.__mod__(1)", lambda: "%s!".__mod__(1))
show("'a'.__rmod__(1)", lambda: "a".__rmod__(1))
show("'a'.__rmod__('%s!')", lambda: "a".__rmod__("%s!"))
show("'a'.__lt__('b')", lambda: "a".__lt__("b"))
show("'a'.__lt__(1)", lambda: "a".__lt__(1))
show("'a'.__eq__('a')", lambda: "a".__eq__("a"))
show("'ab'.__str__()", lambda: "ab".__str__())
show("'ab'.__getnewargs__()", lambda: "ab".__getnewargs__())
show("'ab'.__format__('>4')", lambda: "ab".__format__(">4"))
show("'ab'.__len__()", lambda: "ab".__len__())
show("'ab'.__iter__()", lambda: "ab".__iter__())
show("b'a'.__add__(b'b')", lambda: b"a".__add__(b"b"))
show("b'a'.__mul__(2)", lambda: b"a".__mul__(2))
show("b'a'.__ge__(b'a')", lambda: b"a".__ge__(b"a"))

show("[1, 2].__add__([3])", lambda: [1, 2].__add__([3]))
show("[1].__add__((2,))", lambda: [1].__add__((2,)))
show("[1].__mul__(3)", lambda: [1].__mul__(3))
show("[1].__rmul__(3)", lambda: [1].__rmul__(3))
show("[1].__mul__('a')", lambda: [1].__mul__("a"))
show("[1].__mul__(2.0)", lambda: [1].__mul__(2.0))
l = [1]
show("l.__iadd__([2]) is l", lambda: l.__iadd__([2]) is l)
show("l.__imul__(2)", lambda: l.__imul__(2))
show("l", lambda: l)
show("[1].__lt__([2])", lambda: [1].__lt__([2]))
show("[1].__lt__((2,))", lambda: [1].__lt__((2,)))
show("[1].__eq__([1])", lambda: [1].__eq__([1]))
show("[1].__len__()", lambda: [1].__len__())
show("list.__len__('a')", lambda: list.__len__("a"))
show("list.__add__('a', [1])", lambda: list.__add__("a", [1]))
show("list.__getitem__('a', 0)", lambda: list.__getitem__("a", 0))

show("(1, 2).__getitem__(0)", lambda: (1, 2).__getitem__(0))
show("(1,).__add__((2,))", lambda: (1,).__add__((2,)))
show("(1,).__mul__(2)", lambda: (1,).__mul__(2))
show("(1, 2).__lt__((1, 3))", lambda: (1, 2).__lt__((1, 3)))
show("(1,).__eq__([1])", lambda: (1,).__eq__([1]))
show("(1,).__getnewargs__()", lambda: (1,).__getnewargs__())

show("{}.__contains__(1)", lambda: {}.__contains__(1))
show("{1: 2}.__or__({3: 4})", lambda: {1: 2}.__or__({3: 4}))
show("{1: 2}.__or__([])", lambda: {1: 2}.__or__([]))
show("{1: 2}.__ror__({3: 4})", lambda: {1: 2}.__ror__({3: 4}))
d = {1: 2}
show("d.__ior__([(3, 4)]) is d", lambda: d.__ior__([(3, 4)]) is d)
show("d", lambda: d)
show("{}.__lt__({})", lambda: {}.__lt__({}))
show("{}.__eq__({})", lambda: {}.__eq__({}))

show("{1}.__or__({2})", lambda: {1}.__or__({2}))
show("{1}.__and__({1})", lambda: {1}.__and__({1}))
show("{1}.__sub__({1})", lambda: {1}.__sub__({1}))
show("{1}.__xor__({2})", lambda: {1}.__xor__({2}))
show("{1}.__or__([2])", lambda: {1}.__or__([2]))
show("{1}.__rsub__({1, 2})", lambda: {1}.__rsub__({1, 2}))
s = {1}
show("s.__ior__({3}) is s", lambda: s.__ior__({3}) is s)
show("s", lambda: sorted(s))
show("{1}.__ior__([1])", lambda: {1}.__ior__([1]))
show("{1}.__le__({1, 2})", lambda: {1}.__le__({1, 2}))
show("{1}.__lt__(frozenset({1, 2}))", lambda: {1}.__lt__(frozenset({1, 2})))
show("{1}.__lt__([1])", lambda: {1}.__lt__([1]))
show("frozenset({1}).__or__({2})", lambda: frozenset({1}).__or__({2}))
show("range(3).__eq__(range(3))", lambda: range(3).__eq__(range(3)))

# What every value inherits from object.
show("(5).__setattr__('a', 1)", lambda: (5).__setattr__("a", 1))
show("[].__setattr__('a', 1)", lambda: [].__setattr__("a", 1))
show("(5).__init__()", lambda: (5).__init__())
show("(5).__init_subclass__()", lambda: (5).__init_subclass__())
show("(5).__subclasshook__()", lambda: (5).__subclasshook__())
show("(5).__getattribute__('real')", lambda: (5).__getattribute__("real"))
show("(5).__class__", lambda: (5).__class__)
show("sorted((5).__dir__()) == dir(5)", lambda: sorted((5).__dir__()) == dir(5))
show("int.__setattr__(1, 'a', 2)", lambda: int.__setattr__(1, "a", 2))
show("ValueError('x').__str__()", lambda: ValueError("x").__str__())
show("KeyError('x').__str__()", lambda: KeyError("x").__str__())


class A:
    def __init__(self):
        super().__init__()
        self.x = 1


class B:
    def __repr__(self):
        return "B!"

    def __str__(self):
        return "str:" + super().__str__()

    def __format__(self, spec):
        return "fmt:" + super().__format__(spec)


a = A()
show("A().__init__()", lambda: a.__init__())
show("A().__init__(1)", lambda: a.__init__(1))
show("A.__init__(a, x=1)", lambda: A.__init__(a, x=1))
show("object().__init__(1)", lambda: object().__init__(1))
show("(5).__init__(1)", lambda: (5).__init__(1))
show("ValueError('x').__init__('y')", lambda: ValueError("x").__init__("y"))
show("A().__getstate__()", lambda: a.__getstate__())
show("A().__getstate__() is a.__dict__", lambda: a.__getstate__() is a.__dict__)
show("object().__getstate__()", lambda: object().__getstate__())
show("(5).__getstate__()", lambda: (5).__getstate__())
show("A().__eq__(a)", lambda: a.__eq__(a))
show("A().__eq__(1)", lambda: a.__eq__(1))
show("A().__str__() == repr(a)", lambda: a.__str__() == repr(a))
show("A().__format__('')  == str(a)", lambda: a.__format__("") == str(a))
show("A().__format__('x')", lambda: a.__format__("x"))
show("str(B())", lambda: str(B()))
show("format(B())", lambda: format(B()))
show("format(B(), 'x')", lambda: format(B(), "x"))
show("B().__repr__()", lambda: B().__repr__())
show("B().__init__(1)", lambda: B().__init__(1))
show("B.__init__(B(), x=1)", lambda: B.__init__(B(), x=1))


class N:
    def __new__(cls, *args):
        return super().__new__(cls)


class M:
    def __init__(self, x):
        super().__init__(x)


show("N(1).__init__(2)", lambda: N(1).__init__(2))
show("M(1)", lambda: M(1))


class Stack(list):
    def __add__(self, other):
        return Stack(super().__add__(other))

    def __iadd__(self, other):
        return super().__iadd__(other)

    def __lt__(self, other):
        return ("lt", super().__lt__(other))


st = Stack([1])
show("Stack([1]) + [2]", lambda: (type(st + [2]).__name__, st + [2]))
st += [3]
show("st += [3]", lambda: (type(st).__name__, st))
show("Stack([1]) < [2]", lambda: st < [2])
show("Stack.__mul__(st, 2)", lambda: Stack.__mul__(st, 2))
