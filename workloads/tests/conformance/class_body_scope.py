# Class bodies execute once, top to bottom, in their own namespace.
print('before class')
class Registry:
    print('executing class body')
    names = []
    for i in range(3):
        names.append('item%d' % i)
    del i
    total = len(names)
    doubled = [n * 2 for n in range(total)]
    def get(self):
        return self.names
print('after class')
print(Registry.names, Registry.total, Registry.doubled, hasattr(Registry, 'i'))
r1, r2 = Registry(), Registry()
r1.names.append('shared!')
print(r2.get())
r1.names = ['own']
print(r1.get(), r2.get())

x = 'module x'
class Scope:
    x = 'class x'
    y = x + ' seen in body'
    def method(self):
        return x
print(Scope.y, '|', Scope().method())

def make(kind):
    class Local:
        label = kind
        def show(self):
            return 'Local ' + self.label
    return Local
A = make('alpha')
B = make('beta')
print(A().show(), B().show(), A is B, A.__name__ == B.__name__)
