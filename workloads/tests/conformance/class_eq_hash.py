# __eq__/__hash__: user objects as dict keys and set members.
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __eq__(self, other):
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)
    def __hash__(self):
        return hash((self.x, self.y))
    def __repr__(self):
        return 'P(%d,%d)' % (self.x, self.y)

d = {Point(1, 2): 'a', Point(3, 4): 'b'}
print(d[Point(1, 2)], Point(3, 4) in d, Point(5, 5) in d)
d[Point(1, 2)] = 'replaced'
print(len(d), d)
s = {Point(0, 0), Point(0, 0), Point(1, 1)}
print(len(s), sorted(s, key=lambda p: (p.x, p.y)))
print(Point(1, 1) in s, hash(Point(2, 3)) == hash(Point(2, 3)))

class EqOnly:
    def __eq__(self, other):
        return True
print(EqOnly.__hash__)
try:
    {EqOnly(): 1}
except TypeError as e:
    print('TypeError:', e)
try:
    hash(EqOnly())
except TypeError as e:
    print('TypeError:', e)

class Identity:
    pass
i1, i2 = Identity(), Identity()
dd = {i1: 'one', i2: 'two'}
print(dd[i1], dd[i2], len({i1, i1, i2}), i1 == i2, hash(i1) == hash(i1))

class Collide:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return 1
    def __eq__(self, other):
        return self.v == other.v
cs = {Collide(1): 'x', Collide(2): 'y', Collide(1): 'z'}
print(len(cs), [cs[Collide(1)], cs[Collide(2)]])
