# WeakValueDictionary, WeakKeyDictionary and WeakSet follow their objects' lives.
import weakref

class Item:
    def __init__(self, name):
        self.name = name
    def __repr__(self):
        return 'Item(%s)' % self.name

wv = weakref.WeakValueDictionary()
items = [Item(n) for n in 'abcd']
for it in items:
    wv[it.name] = it
print(len(wv), sorted(wv.keys()), 'b' in wv)
del items[1]
print(len(wv), sorted(wv), wv.get('b', 'gone'))
print(sorted(v.name for v in wv.values()), sorted(k for k, v in wv.items()))
print(wv.pop('a'), wv.setdefault('c', None), wv.setdefault('z', items[0]))
items.clear()
print(len(wv), list(wv.keys()))
wv.update({'q': Item('tmp')})
print(len(wv))

wk = weakref.WeakKeyDictionary()
keys = [Item(str(i)) for i in range(4)]
for i, k in enumerate(keys):
    wk[k] = i * 10
print(len(wk), wk[keys[2]], keys[3] in wk, Item('x') in wk, 5 in wk)
keys.pop()
keys.pop(0)
print(len(wk), sorted(v for v in wk.values()), sorted(k.name for k in wk))
print(wk.get(keys[0]), wk.setdefault(keys[0], 99), wk.pop(keys[1]), len(wk))
keys = None
print(len(wk), list(wk.items()))

ws = weakref.WeakSet()
members = [Item('m%d' % i) for i in range(3)]
for m in members:
    ws.add(m)
ws.add(members[0])
print(len(ws), members[1] in ws, Item('m1') in ws)
members.pop()
print(len(ws), sorted(m.name for m in ws))
ws.discard(members[0])
print(len(ws))
del members
print(len(ws), list(ws))
