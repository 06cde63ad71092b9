# property(fget, fset, fdel, doc): every argument is used (doc becomes
# __doc__, else the getter's docstring), and extra or duplicate arguments
# raise CPython's TypeError.
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


def g(self):
    "getter doc"
    return 1


def s(self, v):
    print('set', v)


def d(self):
    print('deleted')


check(lambda: property(doc='d').__doc__)
check(lambda: property(g).__doc__)
check(lambda: property(g, doc='explicit').__doc__)
check(lambda: property(g, None, None, 'positional').__doc__)
check(lambda: property().__doc__)
check(lambda: property(lambda self: 1).__doc__)
check(lambda: property(g).getter(lambda self: 2).__doc__)
check(lambda: property(g, doc='kept').setter(s).__doc__)


class C:
    x = property(g, s, d, 'the x')
    y = property(fget=g, fset=s, fdel=d)


c = C()
print(c.x, C.x.__doc__, C.y.__doc__)
c.x = 5
del c.y
check(lambda: property(g, s, d, 'doc', 'extra'))
check(lambda: property(g, s, d, doc='doc', fset=None))
check(lambda: property(g, fget=g))
check(lambda: property(g, s, fset=s))
check(lambda: property(g, s, d, fdel=d))
check(lambda: property(g, s, d, 'x', doc='y'))
check(lambda: property(getter=g))
