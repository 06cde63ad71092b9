# __del__ runs as soon as the last reference disappears.
class Noisy:
    def __init__(self, name):
        self.name = name
        print('create', name)
    def __del__(self):
        print('destroy', self.name)

a = Noisy('a')
print('deleting a')
del a
print('after del a')

b = Noisy('b1')
print('rebinding b')
b = Noisy('b2')
print('after rebind')

c = Noisy('c')
d = c
del c
print('c deleted, d still holds it')
d = None
print('d cleared')

def scope():
    local = Noisy('local')
    print('leaving scope')
scope()
print('after scope')

def returns():
    tmp = Noisy('returned')
    return tmp
r = returns()
print('got', r.name)
del r
print('end of program')
b = None
