# __del__ when objects leave containers, and temporaries die immediately.
class Item:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print('del item', self.n)

items = [Item(1), Item(2), Item(3)]
print('popping')
items.pop()
print('removing index 0')
del items[0]
print('clearing')
items.clear()
print('cleared')

d = {'x': Item(10), 'y': Item(11)}
d['x'] = Item(12)
print('replaced x')
del d['y']
print('deleted y')
d = {}
print('dict replaced')

Item(99)
print('temporary gone')
print(Item(100).n)
print('after temporary attribute read')

class Owner:
    def __init__(self):
        self.child = Item(50)
    def __del__(self):
        print('del owner')
o = Owner()
del o
print('owner and child gone')
