# getattr/setattr/hasattr/delattr with and without defaults.
class Bag:
    color = 'red'

    def __init__(self):
        self.size = 3

b = Bag()
print(getattr(b, 'size'), getattr(b, 'color'), getattr(b, 'weight', 'n/a'))
print(hasattr(b, 'size'), hasattr(b, 'weight'), hasattr(Bag, 'size'), hasattr(Bag, 'color'))
setattr(b, 'weight', 7)
print(b.weight, getattr(b, 'weight', 0))
for name in ('a', 'b', 'c'):
    setattr(b, 'field_' + name, name.upper())
print(sorted(k for k in vars(b)))
delattr(b, 'field_b')
print(hasattr(b, 'field_b'), b.field_a, b.field_c)
try:
    getattr(b, 'missing')
except AttributeError as e:
    print('AttributeError:', e)
try:
    delattr(b, 'missing')
except AttributeError as e:
    print('AttributeError:', e)
try:
    delattr(b, 'color')
except AttributeError as e:
    print('AttributeError:', e)
print(getattr(b, 'size', None), getattr(Bag, 'size', None))
method = getattr('hello', 'upper')
print(method())
print(getattr(5, 'real'), hasattr(5, 'imag'), hasattr([], 'append'))
try:
    getattr(b, 5)
except TypeError as e:
    print('TypeError:', e)
