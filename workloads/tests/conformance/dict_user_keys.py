# User objects as dict keys: __hash__ decides the bucket, __eq__ the match.
class Key:
    calls = 0
    def __init__(self, name, h):
        self.name, self.h = name, h
    def __hash__(self):
        return self.h
    def __eq__(self, other):
        Key.calls += 1
        if isinstance(other, Key):
            return self.name == other.name
        return NotImplemented
    def __repr__(self):
        return 'Key(%s)' % self.name

d = {}
d[Key('a', 1)] = 1
d[Key('b', 1)] = 2          # same hash, different key
d[Key('a', 1)] = 3          # replaces the value, keeps the first key object
print(len(d), d)
print(d.get(Key('b', 1)), d.get(Key('c', 1), 'missing'), Key('a', 1) in d)
print(d.setdefault(Key('b', 1), 'new'), d.setdefault(Key('z', 5), 'new'))
print(d.pop(Key('a', 1)), len(d))
del d[Key('z', 5)]
print(sorted(k.name for k in d))
try:
    d[Key('q', 1)]
except KeyError as e:
    print('KeyError', e)
try:
    del d[Key('q', 2)]
except KeyError as e:
    print('KeyError', e)

# Tuples holding user objects hash and compare through them.
t = {(Key('x', 7), 1): 'pair'}
print(t[(Key('x', 7), 1)], (Key('x', 7), 2) in t)

# A user object equal to an int finds the int's entry.
class Seven:
    def __hash__(self):
        return hash(7)
    def __eq__(self, other):
        return other == 7
nums = {7: 'seven', 8: 'eight'}
print(nums[Seven()], Seven() in nums, Seven() in {8: 1})
nums[Seven()] = 'SEVEN'
print(nums)

# Comprehensions and update go through the same lookups.
dc = {Key(n, len(n)): n for n in ['aa', 'bb', 'aa', 'c']}
print(len(dc), sorted(dc.values()))
dc.update({Key('c', 1): 'C'})
print(dc[Key('c', 1)], len(dc))

# hash() returns what __hash__ returns (-1 becomes -2; big ints are reduced).
class H:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return self.v
print(hash(H(5)), hash(H(-1)), hash(H(2 ** 100)), hash(H(True)))
print(hash(H(2 ** 100)) == hash(2 ** 100), hash(H(-2 ** 70)) == hash(-2 ** 70))
try:
    hash(H('x'))
except TypeError as e:
    print('TypeError:', e)
try:
    {H(1.5): 1}
except TypeError as e:
    print('TypeError:', e)
print(Key.calls > 0)
