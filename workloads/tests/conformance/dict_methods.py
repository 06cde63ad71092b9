# The supported dict methods.
d = {'a': 1, 'b': 2}
print(d.get('a'), d.get('z'), d.get('z', 0), d.get('b', 99))
print(list(d.keys()), list(d.values()), list(d.items()))
print(d.pop('a'), d, d.pop('missing', 'dflt'))
print(d.setdefault('b', 50), d.setdefault('c', 3), d)
groups = {}
for word in ['apple', 'avocado', 'banana', 'blueberry', 'cherry']:
    groups.setdefault(word[0], []).append(word)
print(groups)
d.update({'d': 4, 'b': 20})
print(d)
d.update({})
print(d)
r = d.update({'e': 5})
print(r, d)
keys = []
for k in d.keys():
    keys.append(k)
print(keys)
total = 0
for v in d.values():
    total += v
print(total)
for k, v in d.items():
    print(k, v)
print(dict(), dict({'x': 1}), dict([('p', 1), ('q', 2)]))
copy = dict(d)
copy['new'] = 0
print(len(d), len(copy))
print(list({'z': 1, 'a': 2}), tuple({'k': 0}))
print(sum(d.values()), max(d.keys()), min(d.values()))
