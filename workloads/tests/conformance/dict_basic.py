# Dict literals, insertion order, update in place, deletion and re-insertion.
d = {'one': 1, 'two': 2, 'three': 3}
print(d, len(d))
d['four'] = 4
d['one'] = 100
print(d)
del d['two']
d['two'] = 2
print(d)
print('one' in d, 'five' in d, 'five' not in d, 1 in d)
print(d['three'])
e = {}
e[1] = 'int key'
e['1'] = 'str key'
e[(1, 2)] = 'tuple key'
e[2.5] = 'float key'
e[None] = 'none key'
e[True] = 'bool key'
print(e)
print(e[1], e[None])
counts = {}
for ch in 'mississippi':
    if ch in counts:
        counts[ch] += 1
    else:
        counts[ch] = 1
print(counts)
nested = {'a': {'b': {'c': 1}}, 'l': [1, {'x': None}]}
nested['a']['b']['c'] += 41
nested['l'][1]['x'] = 'set'
print(nested)
print({}, {'k': []}, {'k': {}})
print(str({'a': 1}), str({1: 'a'}))
same = {'x': 1}
alias = same
alias['y'] = 2
print(same)
