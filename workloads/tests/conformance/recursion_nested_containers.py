# Runtime code that recurses through nested containers (repr, comparison)
# counts against the recursion limit like Python calls, and raises
# RecursionError instead of overflowing the stack; freeing such a structure
# or hashing a deep tuple works.
def check(name, f):
    try:
        f()
        print(name, 'no error')
    except RecursionError as e:
        print(name, type(e).__name__, e)
    except Exception as e:
        print(name, 'other', type(e).__name__, e)
l = []
for _ in range(10000):
    l = [l]
m = []
for _ in range(10000):
    m = [m]
check('repr', lambda: repr(l))
check('str', lambda: str(l))
check('eq', lambda: l == m)
check('lt', lambda: l < m)
t = ()
for _ in range(10000):
    t = (t,)
check('hash', lambda: hash(t))
check('tuple repr', lambda: repr(t))
d = {}
for _ in range(10000):
    d = {1: d}
check('dict repr', lambda: repr(d))
d2 = {}
for _ in range(10000):
    d2 = {1: d2}
check('dict eq', lambda: d == d2)
check('in', lambda: l in [m])
del l, m, t, d, d2
print('freed')
