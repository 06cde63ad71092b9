# len, type, isinstance, repr, str, bool, iter on builtin values; min/max with key/default.
values = [0, 1, -2.5, '', 'x', [], [0], (), {}, {'k': 1}, set(), None, True, range(0), range(3)]
print([bool(v) for v in values])
print([type(v).__name__ for v in values])
print([len(v) for v in values if hasattr(v, '__len__')])
print(max([], default='none'), min([], key=len, default=0), max('ab', 'abc', key=len), min(3, 1, 2))
print(max([('a', 2), ('b', 9), ('c', 5)], key=lambda t: t[1]), min({'x': 3, 'y': 1}.items(), key=lambda kv: kv[1]))
print(repr(None), repr(True), repr(1.0), repr('s'), repr([None]), str(()), str({}), repr(set()))
print(int(), float(), str(), list(), tuple(), dict(), bool())
print(list('abc'), tuple([1, 2]), dict(a=1, b=2), set('aab') == {'a', 'b'}, list({'k': 1, 'j': 2}))
print(abs(-3), len('four'), sum(range(101)), round(2.675, 2), isinstance(True, int))
try:
    max([])
except ValueError as e:
    print('ValueError:', e)
try:
    min(1)
except TypeError as e:
    print('TypeError:', e)
