# range, enumerate, len, indexing and slicing with ints beyond 64 bits, as
# CPython: big ranges work, OverflowError / IndexError exactly where
# CPython raises them.

def t(label, f):
    try:
        print(label, repr(f()))
    except (OverflowError, IndexError, ValueError, TypeError) as e:
        print(label, type(e).__name__, e)

big = 2**100
t('len full', lambda: len(range(-2**63, 2**63 - 1)))
t('len max', lambda: len(range(2**63 - 1)))
t('len over', lambda: len(range(2**63)))
t('len negative step', lambda: len(range(0, -2**64, -1)))
t('len big step', lambda: len(range(0, big, 2**98)))
t('bool', lambda: bool(range(big)))
t('bool empty', lambda: bool(range(big, big)))
t('item', lambda: range(big)[5])
t('item last', lambda: range(0, big, 3)[-1])
t('item big index', lambda: range(big)[big - 1])
t('item out of range', lambda: range(big)[big])
t('small range big index', lambda: range(10)[big])
t('small range -big index', lambda: range(10)[-big])
t('item float', lambda: range(big)[1.5])
t('in', lambda: big in range(2**101))
t('in step', lambda: big + 1 in range(0, 2**101, 2))
t('in negative step', lambda: -big in range(0, -2**101, -4))
t('small in big', lambda: 5 in range(big, 0, -5))
t('big in small', lambda: big in range(10))
t('edge in', lambda: 2**63 - 1 in range(-2**63, 2**63, 3))
t('slice', lambda: range(big)[5:big:7])
t('slice reversed', lambda: range(big)[::-1])
t('slice small', lambda: range(10)[1:8:3])
t('slice small 2', lambda: range(10)[::2])
t('slice past end', lambda: range(10)[big:])
t('slice before start', lambda: range(10)[-big::-1])
t('slice big step', lambda: range(10)[::big])
t('slice zero step', lambda: range(big)[::0])
t('slice half', lambda: range(0, big, 3)[2**99:])
t('attrs', lambda: (range(big, -big, -3).start, range(big).stop, range(1, 2, big).step))
t('repr', lambda: range(-big, big, big))
t('list', lambda: list(range(2**64, 2**64 + 3)))
t('list down', lambda: list(range(-2**63 + 1, -2**63 - 3, -1)))
t('list edge', lambda: list(range(2**63 - 2, 2**63 + 1)))
t('list huge step', lambda: list(range(0, 2**64, 2**63)))
t('list min step', lambda: list(range(0, -2**64, -2**63)))
t('reversed', lambda: list(reversed(range(2**64, 2**64 + 3))))
t('eq empty', lambda: range(0) == range(big, big))
t('eq one', lambda: range(big, big + 1) == range(big, big + 1, 5))
t('eq', lambda: range(big) == range(big + 1))
t('next', lambda: next(iter(range(big, big + 2))))
t('sum', lambda: sum(range(2**63 - 3, 2**63 + 3)))
t('zero step', lambda: range(big, 1, 0))
t('float bound', lambda: range(1.5))
t('enumerate', lambda: list(enumerate('ab', start=2**63 - 1)))
t('enumerate down', lambda: list(enumerate('ab', start=-2**63 - 1)))
t('enumerate big', lambda: list(enumerate('abc', big)))
t('enumerate float', lambda: list(enumerate('ab', 1.5)))
t('list index', lambda: [1, 2][big])
t('list index negative', lambda: [1, 2][-big])
t('str index', lambda: 'ab'[big])
t('tuple index', lambda: (1,)[2**63])
t('str slice', lambda: 'abc'[:big])
t('str slice step', lambda: 'abc'[-big:big:2**70])
t('str slice min step', lambda: 'abc'[::-2**63])
t('list slice', lambda: [1, 2, 3][big:-big:-1])
def setitem():
    x = [1, 2]
    x[big] = 3
def delitem():
    x = [1, 2]
    del x[-big]
t('list setitem', setitem)
t('list delitem', delitem)
t('list pop', lambda: [1, 2].pop(big))
