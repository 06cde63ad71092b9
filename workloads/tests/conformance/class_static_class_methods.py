# staticmethod and classmethod, called on the class and on instances.
class Temperature:
    unit = 'C'
    created = 0

    def __init__(self, degrees):
        self.degrees = degrees
        Temperature.created += 1

    @staticmethod
    def c_to_f(c):
        return c * 9 / 5 + 32

    @classmethod
    def from_fahrenheit(cls, f):
        return cls((f - 32) * 5 / 9)

    @classmethod
    def describe(cls):
        return '%s in %s, %d made' % (cls.__name__, cls.unit, cls.created)

class Kelvin(Temperature):
    unit = 'K'

print(Temperature.c_to_f(100), Temperature(0).c_to_f(-40))
t = Temperature.from_fahrenheit(212)
print(type(t).__name__, t.degrees)
k = Kelvin.from_fahrenheit(32)
print(type(k).__name__, k.degrees)
print(Temperature.describe())
print(Kelvin.describe())
print(k.describe())
f = Temperature.c_to_f
print(f(37))
cm = Kelvin.from_fahrenheit
print(cm(50).degrees)
