# User objects as set members, and set algebra with them.
class P:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __eq__(self, other):
        return isinstance(other, P) and (self.x, self.y) == (other.x, other.y)
    def __hash__(self):
        return hash((self.x, self.y))
    def __repr__(self):
        return 'P(%d, %d)' % (self.x, self.y)

def show(s):
    return sorted(s, key=lambda p: (p.x, p.y))

a = {P(0, 0), P(1, 1), P(2, 2), P(1, 1)}
b = {P(1, 1), P(3, 3)}
print(len(a), show(a))
print(show(a | b), show(a & b), show(a - b), show(a ^ b))
print(P(2, 2) in a, P(5, 5) in a, P(1, 1) not in b)
a.add(P(0, 0))
a.add(P(4, 4))
print(len(a))
a.remove(P(4, 4))
a.discard(P(9, 9))
try:
    a.remove(P(9, 9))
except KeyError as e:
    print('KeyError', e)
print(show(a), {P(1, 1)} <= a, a >= {P(0, 0), P(2, 2)}, a.isdisjoint({P(7, 7)}))
f = frozenset([P(1, 2), P(1, 2), P(2, 1)])
print(len(f), P(2, 1) in f, f == frozenset([P(2, 1), P(1, 2)]))
print(hash(f) == hash(frozenset([P(2, 1), P(1, 2)])))
print(len({f, frozenset([P(2, 1), P(1, 2)])}))
s = {P(i % 3, 0) for i in range(10)}
print(show(s))
print(show(set([P(1, 0), P(1, 0)]).union([P(1, 0), P(0, 1)])))
print(show({P(1, 0), P(2, 0)}.intersection([P(2, 0)])))
print(show({P(1, 0), P(2, 0)}.difference([P(2, 0)])))
print(sorted(set(P(1, 0) for _ in range(3)), key=repr))
