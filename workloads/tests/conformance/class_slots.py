# __slots__ restricts instance attributes and removes __dict__.
class P:
    __slots__ = ('x', 'y')
    def __init__(self, x, y):
        self.x = x
        self.y = y

p = P(1, 2)
print(p.x, p.y, hasattr(p, '__dict__'))
p.x = 5
print(p.x)
try:
    p.z = 3
except AttributeError as e:
    print('AttributeError:', e)
q = P(0, 0)
del q.y
try:
    q.y
except AttributeError as e:
    print('AttributeError:', e)
print(P.__slots__)
