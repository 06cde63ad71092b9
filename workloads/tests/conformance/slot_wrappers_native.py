# The slots of the types written in Rust (bytearray, complex) and of the
# builtin iterators, as methods.


def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


ba = bytearray(b"ab")
show("ba.__add__(b'c')", lambda: ba.__add__(b"c"))
show("ba.__add__(1)", lambda: ba.__add__(1))
show("ba.__mul__(2)", lambda: ba.__mul__(2))
show("ba.__rmul__(2)", lambda: ba.__rmul__(2))
show("ba.__mul__('a')", lambda: ba.__mul__("a"))
show("ba.__iadd__(b'c') is ba", lambda: ba.__iadd__(b"c") is ba)
show("ba.__imul__(2) is ba", lambda: ba.__imul__(2) is ba)
show("ba", lambda: ba)
show("ba.__lt__(b'b')", lambda: ba.__lt__(b"b"))
show("ba.__lt__(1)", lambda: ba.__lt__(1))
show("bytearray.__add__(b'a', b'b')", lambda: bytearray.__add__(b"a", b"b"))
show("complex(1, 2).__lt__(1)", lambda: complex(1, 2).__lt__(1))
show("complex(1, 2).__mul__(2)", lambda: complex(1, 2).__mul__(2))
show("complex(1, 2).__truediv__('a')", lambda: complex(1, 2).__truediv__("a"))
show("complex(0, 0).__bool__()", lambda: complex(0, 0).__bool__())
show("complex(3, 4).__abs__()", lambda: complex(3, 4).__abs__())
show("complex(1, 2).__pow__(2)", lambda: complex(1, 2).__pow__(2))
show("complex(1, 2).__hash__() == hash(complex(1, 2))", lambda: complex(1, 2).__hash__() == hash(complex(1, 2)))
it = iter([1, 2])
show("it.__next__()", lambda: it.__next__())
show("it.__iter__() is it", lambda: it.__iter__() is it)
show("it.__next__()", lambda: it.__next__())
show("it.__next__()", lambda: it.__next__())
