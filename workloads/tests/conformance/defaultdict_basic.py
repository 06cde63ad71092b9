# collections.defaultdict (through _collections): __missing__, the
# factory, repr, copy, |, __reduce__, subclasses.
from _collections import defaultdict


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


d = defaultdict(list)
d['a'].append(1)
d['a'].append(2)
d['b'].append(3)
print(d, len(d), d.default_factory)
c = defaultdict(int)
for w in 'the cat and the hat and the bat'.split():
    c[w] += 1
print(sorted(c.items()))
print('zzz' in c, c.get('zzz'), 'zzz' in c)
n = defaultdict()
print(n, n.default_factory)
show(lambda: n['missing'])
show(lambda: defaultdict(1))
show(lambda: defaultdict('abc'))
print(defaultdict(None, {'x': 1}, y=2))
print(defaultdict(int, [('k', 5)]))
print(defaultdict(default_factory=int))
print(defaultdict(lambda: 'dflt')[0])
d.default_factory = set
d['s'].add(1)
print(d)
d.default_factory = None
show(lambda: d['nope'])

# Repr of a dict inside itself.
r = defaultdict(list)
r['me'] = r
print(r)

# Copy and merge.
d = defaultdict(int, {'a': 1})
e = d.copy()
f = d.__copy__()
e['b'] += 1
print(d, e, f, type(e).__name__, e.default_factory is int)
print(d | {'z': 9}, {'z': 9} | d, type({'z': 9} | d).__name__)
g = defaultdict(list)
g |= {'q': [1]}
print(g, type(g).__name__)
print(d == {'a': 1}, {'a': 1} == d, isinstance(d, dict))

# __reduce__ and pickling helpers.
r = defaultdict(int, {'a': 1}).__reduce__()
print(r[0].__name__, r[1], r[2], r[3], list(r[4]))
print(defaultdict().__reduce__()[1])

# Subclasses.
class Tree(defaultdict):
    def __init__(self):
        super().__init__(Tree)
t = Tree()
t['a']['b']['c'] = 1
print(t['a']['b'], type(t['a']).__name__)

class Logged(defaultdict):
    def __setitem__(self, key, value):
        print('set', key, value)
        super().__setitem__(key, value)
l = Logged(int)
l['x'] += 5
print(l)

class Missing(defaultdict):
    def __missing__(self, key):
        return key * 2
print(Missing(int)['ab'])
print(defaultdict.__name__, defaultdict)
print(defaultdict[str, int])
print(hasattr(defaultdict(), '__dict__'))
