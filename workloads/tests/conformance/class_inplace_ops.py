# __iadd__ and friends; fallback to __add__ when no in-place method exists.
class Bag:
    def __init__(self, items):
        self.items = list(items)
    def __iadd__(self, other):
        print('  __iadd__')
        self.items.extend(other)
        return self
    def __add__(self, other):
        print('  __add__')
        return Bag(self.items + list(other))
    def __isub__(self, other):
        self.items = [x for x in self.items if x not in other]
        return self
    def __imul__(self, n):
        self.items = self.items * n
        return self
    def __repr__(self):
        return 'Bag(%r)' % self.items

b = Bag([1])
alias = b
b += [2, 3]
print(b, alias, b is alias)
b -= [2]
print(b)
b *= 2
print(b, alias is b)
c = b + [9]
print(c, c is b)

class Num:
    def __init__(self, v):
        self.v = v
    def __add__(self, other):
        print('  Num.__add__')
        return Num(self.v + other)
n = Num(1)
old = n
n += 10
print(n.v, old.v, n is old)

class Weird:
    def __iadd__(self, other):
        return 'replaced'
w = Weird()
w += 1
print(w)

items = [Bag([0])]
items[0] += [5]
print(items)
class Holder:
    pass
h = Holder()
h.count = 1
h.count += 41
print(h.count)
