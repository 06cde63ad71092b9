# __del__ runs at most once per object, even when it resurrects the object.
saved = []
class Phoenix:
    count = 0
    def __init__(self, name):
        self.name = name
    def __del__(self):
        Phoenix.count += 1
        print('finalizing', self.name, Phoenix.count)
        saved.append(self)

p = Phoenix('p')
del p
print('saved', [x.name for x in saved])
q = saved.pop()
print('got back', q.name)
del q
print('second death, count still', Phoenix.count)

class Chain:
    def __init__(self, n, nxt):
        self.n, self.nxt = n, nxt
    def __del__(self):
        print('chain', self.n)
c = Chain(1, Chain(2, Chain(3, None)))
del c
print('after chain')

class Attr:
    def __del__(self):
        print('attr del')
class Holder:
    pass
h = Holder()
h.a = Attr()
h.a = None
print('after attr')
h.b = Attr()
del h.b
print('after del attr')
x = Attr()
x = Attr()
print('rebound')
del x
class WithDel:
    def __del__(self):
        print('late-bound del')
w = WithDel()
WithDel.__del__ = lambda self: print('replaced del')
del w
print('end')
