# Tuples and lists compare their first differing items with the operator
# itself, so a class with only __lt__ (or only __gt__) orders them.
class K:
    __slots__ = ['obj']
    def __init__(self, obj): self.obj = obj
    def __lt__(self, other):
        print("lt", self.obj, other.obj)
        return self.obj < other.obj
    def __repr__(self): return "K(%r)" % (self.obj,)

class G:
    def __init__(self, v): self.v = v
    def __gt__(self, other): return self.v > other.v
    def __repr__(self): return "G(%r)" % self.v

a, b = K(1), K(2)
print((a, K(0)) < (b, K(0)))
print([a] < [b], [b] < [a])
print(sorted([(K("b"), K(3)), (K("a"), K(1))]))
print((G(1),) > (G(0),), (G(1),) < (G(0),))
print(sorted([(3, K(1)), (1, K(2)), (2, K(0))]))
try:
    (1, "x") < (1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    [object()] < [object()]
except TypeError as e:
    print("TypeError:", e)
print((1, 2) < (1, 2, 3), (1, 2) <= (1, 2), [] < [0])
