# WeakKeyDictionary associates data with objects without keeping them alive.
import weakref

class Widget:
    def __init__(self, name):
        self.name = name
    def __repr__(self):
        return 'Widget(%s)' % self.name

meta = weakref.WeakKeyDictionary()
w1, w2, w3 = Widget('one'), Widget('two'), Widget('three')
meta[w1] = {'clicks': 1}
meta[w2] = {'clicks': 5}
meta[w3] = {'clicks': 0}
print(len(meta), sorted(k.name for k in meta.keys()))
print(meta[w2], w1 in meta, meta.get(Widget('other'), 'none'))
meta[w1]['clicks'] += 10
print(meta[w1])
del w2
print(len(meta), sorted(k.name for k in meta))
w3 = 'rebound'
print(len(meta), sorted(k.name for k, v in meta.items()))
print([v for v in meta.values()])
del meta[w1]
print(len(meta), list(meta.keys()))
