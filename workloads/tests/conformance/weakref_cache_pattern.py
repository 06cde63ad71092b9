# A weakref-based cache: objects are reused while alive and rebuilt after they die.
import weakref

class Expensive:
    builds = 0
    def __init__(self, key):
        Expensive.builds += 1
        self.key = key
    def __del__(self):
        print('  freed', self.key)

_cache = weakref.WeakValueDictionary()
def get(key):
    obj = _cache.get(key)
    if obj is None:
        obj = Expensive(key)
        _cache[key] = obj
    return obj

a1 = get('a')
a2 = get('a')
print(a1 is a2, Expensive.builds)
b = get('b')
print(sorted(_cache), Expensive.builds)
del a1
print('a still alive through a2:', 'a' in _cache)
del a2
print('after dropping both:', sorted(_cache))
a3 = get('a')
print(Expensive.builds, sorted(_cache))
r = weakref.ref(b)
del b
print(r() is None, sorted(_cache))
del a3
print('end', len(_cache))
