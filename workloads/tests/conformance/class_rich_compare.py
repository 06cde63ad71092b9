# Rich comparisons, reflected comparisons and NotImplemented fallbacks.
class Version:
    def __init__(self, *parts):
        self.parts = parts
    def __repr__(self):
        return 'v' + '.'.join(str(p) for p in self.parts)
    def __eq__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self.parts == other.parts
    def __lt__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self.parts < other.parts
    def __le__(self, other):
        return self == other or self < other
    def __gt__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self.parts > other.parts
    def __ge__(self, other):
        return not self < other

a, b, c = Version(1, 2), Version(1, 10), Version(1, 2)
print(a == c, a != c, a == b, a != b)
print(a < b, a <= c, b > a, a >= b, b >= a)
print(sorted([Version(2), Version(1, 5), Version(1, 2, 3), Version(0, 9)]))
print(max([a, b, c]), min([b, a]))
print(a == 'v1.2', a != 5)
try:
    a < 5
except TypeError as e:
    print('TypeError:', e)

class Logged:
    def __init__(self, name):
        self.name = name
    def __lt__(self, other):
        print('  %s.__lt__(%s)' % (self.name, other.name))
        return NotImplemented
    def __gt__(self, other):
        print('  %s.__gt__(%s)' % (self.name, other.name))
        return True

print(Logged('x') < Logged('y'))
print(Logged('p') > Logged('q'))
class NoCompare:
    pass
n1, n2 = NoCompare(), NoCompare()
print(n1 == n1, n1 == n2, n1 != n2)
try:
    n1 < n2
except TypeError as e:
    print('TypeError:', e)
