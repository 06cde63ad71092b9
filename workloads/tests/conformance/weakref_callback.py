# weakref.ref callbacks fire when the referent is collected, receiving the ref.
import weakref

class Resource:
    def __init__(self, name):
        self.name = name

events = []
def make_cb(label):
    def cb(ref):
        events.append((label, ref() is None))
        print('callback', label, 'ref() ->', ref())
    return cb

a = Resource('a')
ra = weakref.ref(a, make_cb('A'))
print('before del')
del a
print('after del', events)

b = Resource('b')
rb1 = weakref.ref(b, make_cb('B1'))
rb2 = weakref.ref(b, make_cb('B2'))
print('replacing b')
b = Resource('b2')
print('after replace', events)

c = Resource('c')
rc = weakref.ref(c, make_cb('C'))
del rc
del c
print('callback for a dead weakref never fires', events[-1])

container = [Resource('in-list')]
rl = weakref.ref(container[0], make_cb('L'))
container.pop()
print('popped')
