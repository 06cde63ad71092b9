# dict methods: get, items, keys, values, setdefault, pop, update, popitem, fromkeys.
d = {'a': 1, 'b': 2}
print(d.get('a'), d.get('z'), d.get('z', 0), d.get('a', 99))
print(list(d.items()), list(d.keys()), list(d.values()))
print(d.setdefault('c', 3), d.setdefault('a', 100), d)
print(d.pop('b'), d.pop('zz', 'dflt'), d)
try:
    d.pop('zz')
except KeyError as e:
    print('KeyError:', e)
d.update({'x': 10, 'a': -1})
d.update(y=20)
d.update([('z', 30)])
print(d)
print(d.popitem(), d.popitem(), d)
try:
    {}.popitem()
except KeyError as e:
    print('KeyError:', e)
keys = d.keys()
d['new'] = 0
print(keys, len(keys), 'new' in keys)
print(dict.fromkeys('abc'), dict.fromkeys([1, 2], 'v'))
e = d.copy()
e['a'] = 'changed'
print(d['a'], e['a'])
print(d | {'q': 1}, {**d, 'a': 'override'})
d.clear()
print(d, len(d))
m = {}
for w in 'the cat the hat the end'.split():
    m.setdefault(w, []).append(len(m))
print(m)
print(sorted({'b': 1, 'a': 2}.items(), key=lambda kv: kv[1]), list(reversed({'x': 1, 'y': 2})))
print({1: 'a'} == {1: 'a'}, {1: 'a'} == {1: 'b'}, list({'k': 1}.items())[0])
dd = {'a': 1, 'b': 2}
try:
    for k in dd:
        dd['c'] = 3
except RuntimeError as e:
    print('RuntimeError:', e)
