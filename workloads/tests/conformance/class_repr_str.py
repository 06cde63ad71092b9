# __repr__ and __str__: print uses __str__, containers use __repr__.
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __repr__(self):
        return 'Point(%r, %r)' % (self.x, self.y)

    def __str__(self):
        return '(%s, %s)' % (self.x, self.y)

class OnlyRepr:
    def __repr__(self):
        return '<OnlyRepr>'

class OnlyStr:
    def __str__(self):
        return 'only-str'

p = Point(1, 'a')
print(p)
print(str(p), repr(p))
print([p, Point(2.5, None)])
print((p,), {'k': p})
print('%s and %r' % (p, p))
print(f'{p} {p!r} {p!s}')
o = OnlyRepr()
print(o, str(o), [o])
s = OnlyStr()
print(s, str(s))
print(repr(s).startswith('<__main__.OnlyStr object at 0x'))
print(repr([s])[:20])
print(format(p), '{}'.format(p), '{!r}'.format(p))
