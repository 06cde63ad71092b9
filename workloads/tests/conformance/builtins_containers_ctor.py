# list(), tuple(), dict(), str(), bool() constructors and copies.
print(list(), tuple(), dict(), str(), bool())
print(list('abc'), list((1, 2)), list(range(3)), list({'a': 1, 'b': 2}))
print(tuple([1, 2]), tuple('xy'), tuple(range(2)))
print(dict([('a', 1), ('b', 2)]), dict({'c': 3}))
print(list({'k': 'v'}.items()), list({'k': 'v'}.values()))
orig = [1, [2, 3]]
copy = list(orig)
copy[0] = 100
copy[1].append(4)
print(orig, copy)
d = {'x': [1]}
d2 = dict(d)
d2['y'] = 2
d2['x'].append(2)
print(d, d2)
print(str([1, 2]), str((1,)), str({'a': None}), str(True), str(None), str(-5))
print(len(str({'a': [1, 2.5, 'b']})))
print(list(list(list('ab'))))
