# __int__, __float__, __index__, __format__, __round__ on user classes.
class Fraction:
    def __init__(self, n, d):
        self.n, self.d = n, d
    def __int__(self):
        return self.n // self.d
    def __float__(self):
        return self.n / self.d
    def __round__(self, ndigits=None):
        if ndigits is None:
            return round(self.n / self.d)
        return round(self.n / self.d, ndigits)
    def __format__(self, spec):
        if spec == 'frac':
            return '%d/%d' % (self.n, self.d)
        return format(float(self), spec)
    def __repr__(self):
        return 'Fraction(%d, %d)' % (self.n, self.d)

f = Fraction(22, 7)
print(int(f), float(f), round(f), round(f, 3))
print(f'{f:frac} {f:.2f} {f:>10.4f}|')
print(format(f, 'frac'), '{:.1f}'.format(f))

class Idx:
    def __init__(self, v):
        self.v = v
    def __index__(self):
        return self.v
i = Idx(2)
print([10, 20, 30][i], 'abcdef'[Idx(1):Idx(4)], hex(Idx(255)), bin(i), range(Idx(3))[-1])
print(int(Idx(7)), Idx(7).__index__())
try:
    [1, 2][Fraction(1, 1)]
except TypeError as e:
    print('TypeError:', e)
try:
    int(object())
except TypeError as e:
    print('TypeError:', e)
