# Methods of builtin types called on a receiver of another type (unbound,
# from a subclass, or through super()): CPython's TypeError, never a crash.
import threading, socket


def t(label, f):
    try:
        r = f()
        print(label, "->", r)
    except Exception as e:
        print(label, type(e).__name__, e)


class SL(list):
    pass


class SD(dict):
    pass


class SI(int):
    pass


class A:
    def __init__(self, x=0):
        self.x = x


class B(A):
    def __init__(self):
        A.__init__(self, 7)


# Method descriptors.
t("str.upper", lambda: str.upper(5))
t("str.split", lambda: str.split(b"a b"))
t("str.join", lambda: str.join([], ["a"]))
t("bytes.hex", lambda: bytes.hex("ab"))
t("dict.keys", lambda: dict.keys([]))
t("dict.get", lambda: dict.get([], 1))
t("dict.pop", lambda: dict.pop(SL(), 1))
t("dict.popitem", lambda: dict.popitem(5))
t("dict.setdefault", lambda: dict.setdefault(None, 1))
t("dict.update", lambda: dict.update(5, {}))
t("dict.clear", lambda: dict.clear("x"))
t("dict.copy", lambda: dict.copy([]))
t("set.add", lambda: set.add(frozenset(), 1))
t("set.discard", lambda: set.discard([], 1))
t("set.update", lambda: set.update({}, [1]))
t("frozenset.union", lambda: frozenset.union([1], [2]))
t("list.append", lambda: list.append((), 1))
t("list.sort", lambda: list.sort(SD()))
t("tuple.index", lambda: tuple.index([1], 1))
t("int.bit_length", lambda: int.bit_length(1.5))
t("float.is_integer", lambda: float.is_integer(1))
t("no receiver", lambda: str.upper())
t("lock.acquire", lambda: type(threading.Lock()).acquire(5))
t("lock.release", lambda: type(threading.Lock()).release([]))
t("socket.send", lambda: type(socket.socket()).send(5, b""))
t("socket.settimeout", lambda: type(socket.socket()).settimeout(5, 1.0))
t("gen.send", lambda: type((x for x in [])).send(5, None))
t("gen.close", lambda: type((x for x in [])).close([]))

# Slot wrappers word it differently.
t("list.__init__", lambda: list.__init__(5))
t("list.__init__ 2", lambda: list.__init__(5, [1]))
t("dict.__init__", lambda: dict.__init__(5, a=1))
t("set.__init__", lambda: set.__init__(frozenset(), [1]))
t("list.__len__", lambda: list.__len__("ab"))
t("str.__len__", lambda: str.__len__([1]))
t("list.__setitem__", lambda: list.__setitem__((1,), 0, 2))
t("dict.__setitem__", lambda: dict.__setitem__(5, 0, 2))
t("list.__repr__", lambda: list.__repr__((1,)))
t("no receiver slot", lambda: list.__len__())

# ... and the methods that are not slots keep the method wording.
t("list.__getitem__", lambda: list.__getitem__((1,), 0))
t("dict.__getitem__", lambda: dict.__getitem__([1], 0))
t("dict.__contains__", lambda: dict.__contains__([1], 0))

# Through a subclass, and the subclass's own instances.
t("SL.append", lambda: SL.append(5, 1))
t("SL.__init__", lambda: SL.__init__(5))
x = SL()
SL.__init__(x, [1, 2])
list.__init__(x, [3])
print("SL after __init__", x)
t("SD.keys", lambda: SD.keys(SL()))
t("SI.bit_length", lambda: SI.bit_length("x"))

# A class's own __init__, called through the class, is not type.__init__.
a = A()
A.__init__(a, 5)
print("A.__init__", a.x, B().x)
t("A.__init__ wrong", lambda: A.__init__(5))

# __new__ checks that the class derives from the type.
t("int.__new__(list)", lambda: int.__new__(list))
t("list.__new__(int)", lambda: list.__new__(int))
t("str.__new__(dict)", lambda: str.__new__(dict, "a"))
t("list.__new__(5)", lambda: list.__new__(5))
t("int.__new__(SI)", lambda: type(int.__new__(SI, 4)).__name__)
t("int.__new__(bool)", lambda: int.__new__(bool))
t("SI.__new__(SI)", lambda: SI.__new__(SI, 3) + 1)
t("SI.__new__(int)", lambda: SI.__new__(int, 3))

# super() refuses an object that is not an instance of the class.
t("super(list, 5)", lambda: super(list, 5).append(1))
t("super(dict, SL())", lambda: super(dict, SL()).keys())
t("super(SL, x)", lambda: super(SL, x).__len__())
t("super(int, SI)", lambda: super(int, SI).__name__)


# A method of a builtin type stored in another class binds to its instances
# (a method descriptor), and refuses them.
class Holder:
    upper = str.upper
    append = list.append
    pop = list.pop
    send = type((x for x in [])).send
    enter = type(threading.Lock()).__enter__
    __len__ = list.__len__
    __getitem__ = dict.__getitem__
    __iter__ = list.__iter__
    __repr__ = int.__repr__
    __contains__ = set.__contains__
    __setitem__ = dict.__setitem__
    __eq__ = str.__eq__
    __hash__ = str.__hash__


h = Holder()
t("stored upper", lambda: h.upper())
t("stored append", lambda: h.append(1))
t("stored pop", lambda: h.pop())
t("stored send", lambda: h.send(None))
t("stored enter", lambda: h.enter())
t("stored len", lambda: len(h))
t("stored getitem", lambda: h[1])
t("stored iter", lambda: list(h))
t("stored repr", lambda: repr(h))
t("stored contains", lambda: 1 in h)
t("stored eq", lambda: h == h)
t("stored hash", lambda: hash(h))


def setitem():
    h[1] = 2


t("stored setitem", setitem)


class D2(dict):
    keys = list.copy


t("subclass with list method", lambda: D2(a=1).keys())


# ... and accepts the instances of a subclass of its own type.
class MyInt(int):
    def __eq__(self, other):
        return int(self) == int(other)

    __hash__ = int.__hash__


class MyList(list):
    push = list.append
    size = list.__len__
    __repr__ = list.__repr__


ml = MyList()
ml.push(3)
print("stored on a subclass", hash(MyInt(5)), {MyInt(5): 1}[5], ml, ml.size(), repr(ml))
