# Private names (__x) are mangled to _Class__x inside class bodies.
class Account:
    def __init__(self):
        self.__secret = 'hidden'
        self._protected = 'visible'

    def reveal(self):
        return self.__secret

class Sub(Account):
    def __init__(self):
        super().__init__()
        self.__secret = 'sub secret'

    def both(self):
        return self.__secret, self.reveal()

a = Account()
print(a.reveal(), a._protected, a._Account__secret)
try:
    a.__secret
except AttributeError as e:
    print('AttributeError:', e)
s = Sub()
print(s.both())
print(sorted(vars(s)))
print(hasattr(s, '__secret'), hasattr(s, '_Sub__secret'))

class Dunder:
    def __special__(self):
        return 'not mangled'
print(Dunder().__special__())
