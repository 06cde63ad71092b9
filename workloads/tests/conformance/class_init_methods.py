# __init__ arguments, methods calling methods, methods returning self.
class Vector:
    def __init__(self, x, y=0):
        self.x = x
        self.y = y

    def length_squared(self):
        return self.x * self.x + self.y * self.y

    def scaled(self, k):
        return Vector(self.x * k, self.y * k)

    def add_in_place(self, other):
        self.x += other.x
        self.y += other.y
        return self

    def describe(self):
        return 'Vector(%s, %s) |v|^2=%s' % (self.x, self.y, self.length_squared())

v = Vector(3, 4)
print(v.describe())
print(v.scaled(2).describe())
w = Vector(1)
print(w.describe())
print(v.add_in_place(w).add_in_place(w).describe())
print(Vector(y=5, x=-1).describe())
try:
    Vector()
except TypeError as e:
    print('TypeError:', e)
try:
    Vector(1, 2, 3)
except TypeError as e:
    print('TypeError:', e)
class Empty:
    pass
e = Empty()
try:
    Empty(1)
except TypeError as err:
    print('TypeError:', err)
