# Single inheritance: overriding, inherited methods, super().__init__.
class Animal:
    sound = '...'

    def __init__(self, name):
        self.name = name

    def speak(self):
        return '%s says %s' % (self.name, self.sound)

    def kind(self):
        return 'animal'

class Dog(Animal):
    sound = 'woof'

    def kind(self):
        return 'dog'

class Puppy(Dog):
    def __init__(self, name, age):
        super().__init__(name)
        self.age = age

    def speak(self):
        return super().speak() + ' (age %d)' % self.age

for a in (Animal('generic'), Dog('rex'), Puppy('bit', 1)):
    print(a.speak(), '|', a.kind(), '|', type(a).__name__)
p = Puppy('tiny', 2)
print(isinstance(p, Dog), isinstance(p, Animal), isinstance(p, object))
print(issubclass(Puppy, Animal), issubclass(Animal, Puppy))
print(Puppy.__bases__[0].__name__, Dog.__base__.__name__, Animal.__bases__)
print([c.__name__ for c in Puppy.__mro__])
