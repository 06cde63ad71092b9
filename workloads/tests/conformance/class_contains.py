# __contains__ drives `in` / `not in`; fallbacks via __iter__ and __getitem__.
class EvenNumbers:
    def __contains__(self, x):
        print('  contains', x)
        return isinstance(x, int) and x % 2 == 0

class ViaIter:
    def __iter__(self):
        print('  iter called')
        return iter([1, 2, 3])

class ViaGetitem:
    def __getitem__(self, i):
        if i > 4:
            raise IndexError
        return i * 10

class TruthyResult:
    def __contains__(self, x):
        return 'yes' if x else ''

ev = EvenNumbers()
print(4 in ev, 5 in ev, 'a' in ev, 7 not in ev)
print(2 in ViaIter(), 9 in ViaIter())
print(30 in ViaGetitem(), 35 in ViaGetitem())
print(1 in TruthyResult(), 0 in TruthyResult())
try:
    3 in object()
except TypeError as e:
    print('TypeError:', e)
