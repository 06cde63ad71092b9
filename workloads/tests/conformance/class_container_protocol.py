# __getitem__/__setitem__/__delitem__ with int, str, tuple and slice keys.
class Grid:
    def __init__(self):
        self.cells = {}
    def __getitem__(self, key):
        print('  get', repr(key))
        if isinstance(key, slice):
            return (key.start, key.stop, key.step)
        if isinstance(key, tuple) and isinstance(key[0], slice):
            return 'tuple with slice'
        return self.cells.get(key, '.')
    def __setitem__(self, key, value):
        print('  set', repr(key), repr(value))
        self.cells[key] = value
    def __delitem__(self, key):
        print('  del', repr(key))
        del self.cells[key]

g = Grid()
g[0, 0] = 'X'
g[1, 2] = 'O'
print(g[0, 0], g[2, 2])
g['name'] = 'grid'
print(g[1:3])
print(g[::2])
print(g[1:3, 'a'])
del g[0, 0]
print(sorted(g.cells, key=repr))
try:
    del g[9, 9]
except KeyError as e:
    print('KeyError', e)
g[0, 0] = 1
g[0, 0] += 5
print(g.cells[0, 0])

class ReadOnly:
    def __getitem__(self, i):
        return i
r = ReadOnly()
print(r[5], r['k'], r[1:2])
try:
    r[0] = 1
except TypeError as e:
    print('TypeError:', e)
try:
    del r[0]
except TypeError as e:
    print('TypeError:', e)
try:
    object()[0]
except TypeError as e:
    print('TypeError:', e)
