# Old-style iteration through __getitem__ until IndexError.
class Squares:
    def __init__(self, n):
        self.n = n
    def __getitem__(self, i):
        print('  getitem', i)
        if i >= self.n:
            raise IndexError('out of range')
        return i * i

for v in Squares(3):
    print('value', v)
print(list(Squares(2)))
print(4 in Squares(5))
it = iter(Squares(1))
print(next(it))
print(next(it, 'exhausted'))

class Letters:
    def __getitem__(self, i):
        return 'abcde'[i]
print(list(Letters()), ''.join(Letters()))
a, b, *rest = Letters()
print(a, b, rest)
