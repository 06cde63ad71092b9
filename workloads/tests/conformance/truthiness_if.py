# Truth values of all supported types drive if/while.
values = [0, 1, -1, 0.0, 2.5, '', 'x', [], [0], (), (0,), {}, {'k': 1}, None, True, False]
for v in values:
    if v:
        print('truthy', v)
    else:
        print('falsy', v)
items = [3, 2, 1]
while items:
    print('pop', items.pop())
print(items)
s = 'abc'
while s:
    print(s)
    s = s[1:]
