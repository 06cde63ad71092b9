# enumerate, zip, map, filter, any, all in various shapes.
fruits = ['apple', 'banana', 'cherry']
print(list(enumerate(fruits)), list(enumerate(fruits, start=1)), list(enumerate('ab', 10)))
for i, f in enumerate(fruits):
    print(i, f)
print(list(zip([1, 2, 3], 'abc', (True, False, None))))
print(list(zip([1, 2, 3], 'ab')), list(zip()), list(zip([1])))
print(dict(zip(fruits, map(len, fruits))))
print(list(map(str.upper, fruits)), list(map(lambda a, b: a * b, [1, 2, 3], [4, 5, 6])))
print(list(map(pow, [2, 3], [5, 2])), list(map(int, '123')))
print(list(filter(None, [0, 1, '', 'x', None, [], [0], False])))
print(list(filter(lambda f: 'an' in f, fruits)), list(filter(str.isdigit, 'a1b2c3')))
print(any([]), all([]), any([0, '', None]), all([1, 'x', [0]]), any(x > 2 for x in [1, 2, 3]))
print(type(map(len, [])).__name__, type(zip()).__name__, type(filter(None, [])).__name__, type(enumerate([])).__name__)
m = map(lambda x: x * 2, [1, 2, 3])
print(next(m), list(m), list(m))
z = zip(range(3), range(10, 13))
print(list(z), list(z))
