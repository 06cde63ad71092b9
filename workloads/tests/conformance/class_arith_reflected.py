# Binary operators, reflected __radd__ etc., and NotImplemented fallbacks.
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __repr__(self):
        return 'Money(%d)' % self.cents
    def __add__(self, other):
        if isinstance(other, Money):
            return Money(self.cents + other.cents)
        if isinstance(other, int):
            return Money(self.cents + other)
        return NotImplemented
    def __radd__(self, other):
        print('  __radd__ with', repr(other))
        return self.__add__(other)
    def __sub__(self, other):
        return Money(self.cents - other.cents)
    def __mul__(self, k):
        return Money(self.cents * k)
    __rmul__ = __mul__
    def __truediv__(self, k):
        return Money(self.cents // k)
    def __floordiv__(self, k):
        return 'floordiv %d' % k
    def __mod__(self, k):
        return Money(self.cents % k)
    def __neg__(self):
        return Money(-self.cents)
    def __pos__(self):
        return self
    def __abs__(self):
        return Money(abs(self.cents))
    def __pow__(self, e):
        return 'pow %d' % e
    def __rsub__(self, other):
        return Money(other - self.cents)

a = Money(250)
print(a + Money(50), a + 5, 5 + a)
print(sum([Money(1), Money(2), Money(3)]))
print(a - Money(100), 1000 - a, a * 3, 2 * a, a / 4, a // 7, a % 7)
print(-a, +a, abs(Money(-9)), a ** 2)
try:
    a + 'x'
except TypeError as e:
    print('TypeError:', e)
try:
    'x' + a
except TypeError as e:
    print('TypeError:', e)
try:
    a @ a
except TypeError as e:
    print('TypeError:', e)

class Sub(Money):
    def __radd__(self, other):
        return 'Sub.__radd__ wins'
print(Money(1) + Sub(2))
