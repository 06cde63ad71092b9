# WeakValueDictionary drops entries whose values die.
import weakref

class Image:
    def __init__(self, path):
        self.path = path
    def __repr__(self):
        return 'Image(%r)' % self.path

cache = weakref.WeakValueDictionary()
strong = {}
for p in ('a.png', 'b.png', 'c.png', 'd.png'):
    img = Image(p)
    cache[p] = img
    if p in ('a.png', 'c.png'):
        strong[p] = img
del img
print(sorted(cache.keys()), len(cache))
print(cache['a.png'], cache.get('b.png'), cache.get('b.png', 'gone'), 'c.png' in cache)
del strong['a.png']
print(sorted(cache.keys()), len(cache))
try:
    cache['a.png']
except KeyError as e:
    print('KeyError:', e)
x = Image('x.png')
cache['x'] = x
print(sorted(cache), cache['x'] is x)
x = None
strong.clear()
print(sorted(cache.keys()), len(cache))
print(type(cache).__name__)
