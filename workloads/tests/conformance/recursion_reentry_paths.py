# Recursion through every path that re-enters Python code from the runtime
# counts against the recursion limit and raises RecursionError, never
# overflows the stack. Where CPython's message depends on which check trips
# first, only the type is printed.
import sys


def check(name, f, show_message=False):
    try:
        f()
        print(name, 'no error')
    except RecursionError as e:
        print(name, type(e).__name__, e if show_message else '')
    except Exception as e:
        print(name, 'other', type(e).__name__, e)


# An instance used as its own class's __call__: no Python frame at all.
class A:
    pass


a = A()
A.__call__ = a
check('call', lambda: a(), show_message=True)


class G:
    def __getattr__(self, n):
        return getattr(self, n)


check('getattr', lambda: G().x)


class GA:
    def __getattribute__(self, n):
        return getattr(self, n)


check('getattribute', lambda: GA().x)


class R:
    def __repr__(self):
        return repr(self)


check('repr', lambda: repr(R()))


class S:
    def __str__(self):
        return str(self)


check('str', lambda: str(S()))
check('format', lambda: f'{S()}')


class E:
    def __eq__(self, o):
        return self == o


check('eq', lambda: E() == 1)


class L:
    def __lt__(self, o):
        return self < o


check('lt', lambda: L() < 1)
check('sorted', lambda: sorted([L(), L()]))


class H:
    def __hash__(self):
        return hash(self)


check('hash', lambda: hash(H()))
check('dict key', lambda: {H(): 1})


class N:
    def __len__(self):
        return len(self)


check('len', lambda: len(N()))


class B:
    def __bool__(self):
        return bool(self)


check('bool', lambda: bool(B()))
check('if', lambda: 1 if B() else 0)


class I:
    def __iter__(self):
        return iter(self)


check('iter', lambda: iter(I()))
check('for', lambda: [x for x in I()])


class Nx:
    def __iter__(self):
        return self

    def __next__(self):
        return next(self)


check('next', lambda: list(Nx()))


class X:
    def __index__(self):
        return [1][self]


check('index', lambda: [1][X()])


class D:
    def __get__(self, o, t):
        return o.d


class DD:
    d = D()


check('descriptor get', lambda: DD().d)


class DS:
    def __set__(self, o, v):
        o.d = v


class DSS:
    d = DS()


def set_d():
    DSS().d = 1


check('descriptor set', set_d)


class P:
    @property
    def p(self):
        return self.p


check('property', lambda: P().p)


class C:
    def __enter__(self):
        with self:
            pass

    def __exit__(self, *a):
        pass


check('enter', lambda: C().__enter__())


class In:
    def __init__(self):
        In()


check('init', lambda: In())


class Ne:
    def __new__(cls):
        return Ne()


check('new', lambda: Ne())


def key(x):
    return sorted([1, 2], key=key)


check('key', lambda: sorted([1, 2], key=key))
check('max key', lambda: max([1, 2], key=lambda x: key(x)))


def gen():
    yield from gen()


check('generator', lambda: list(gen()))


class Cont:
    def __contains__(self, x):
        return x in self


check('contains', lambda: 1 in Cont())


class Item:
    def __getitem__(self, i):
        return self[i]


check('getitem', lambda: Item()[0])


class Add:
    def __add__(self, o):
        return self + o


check('add', lambda: Add() + 1)


# Levels are given back on every way out: a generator that keeps
# yielding from a subgenerator into which exceptions are thrown does not
# use up the limit.
def sub():
    while True:
        try:
            yield 1
        except ValueError:
            pass


def outer():
    yield from sub()


g = outer()
next(g)
for _ in range(3000):
    g.throw(ValueError)
print('thrown 3000 times')

# The program goes on normally afterwards, and recursion to just under the
# limit still works.
print(sys.getrecursionlimit())


def down(n):
    return 0 if n == 0 else 1 + down(n - 1)


print(down(900))

# sys.setrecursionlimit: a lower limit is honoured, and restored.
sys.setrecursionlimit(100)
depth = 0


def count():
    global depth
    depth += 1
    count()


try:
    count()
except RecursionError as e:
    print('limit 100:', depth, e)
sys.setrecursionlimit(1000)
print(sys.getrecursionlimit())

for bad in (0, -5, 1.5, 'x', 2**64):
    try:
        sys.setrecursionlimit(bad)
    except Exception as e:
        print(type(e).__name__, e)
try:
    sys.setrecursionlimit()
except TypeError as e:
    print(type(e).__name__, e)
