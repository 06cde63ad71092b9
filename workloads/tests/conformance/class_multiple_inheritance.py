# Multiple inheritance: method lookup follows the MRO left to right.
class Flyer:
    def move(self):
        return 'fly'
    def describe(self):
        return 'can fly'

class Swimmer:
    def move(self):
        return 'swim'
    def describe(self):
        return 'can swim'
    def dive(self):
        return 'dive'

class Duck(Flyer, Swimmer):
    pass

class Penguin(Swimmer, Flyer):
    def describe(self):
        return 'penguin: ' + Swimmer.describe(self) + ', cannot really ' + Flyer.move(self)

d = Duck()
p = Penguin()
print(d.move(), d.describe(), d.dive())
print(p.move(), p.describe())
print([c.__name__ for c in Duck.__mro__])
print([c.__name__ for c in Penguin.__mro__])
print(isinstance(d, Flyer), isinstance(d, Swimmer), isinstance(p, Duck))
print([b.__name__ for b in Duck.__bases__])
