# property with getter, setter and deleter; validation in the setter.
class Account:
    def __init__(self, owner, balance=0):
        self.owner = owner
        self._balance = balance

    @property
    def balance(self):
        print('  get balance')
        return self._balance

    @balance.setter
    def balance(self, value):
        print('  set balance', value)
        if value < 0:
            raise ValueError('balance cannot be negative')
        self._balance = value

    @balance.deleter
    def balance(self):
        print('  delete balance')
        self._balance = 0

    @property
    def summary(self):
        return '%s: %d' % (self.owner, self._balance)

a = Account('ann', 50)
print(a.balance)
a.balance = 80
print(a.summary)
try:
    a.balance = -5
except ValueError as e:
    print('ValueError:', e)
print(a.summary)
del a.balance
print(a.summary)
try:
    a.summary = 'x'
except AttributeError as e:
    print('AttributeError:', e)
print(type(Account.balance).__name__)

class Celsius:
    def _get(self):
        return self._c
    def _set(self, v):
        self._c = round(v, 1)
    temp = property(_get, _set)

c = Celsius()
c.temp = 21.456
print(c.temp)
