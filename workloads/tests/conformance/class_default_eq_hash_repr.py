# Default object behaviour: identity equality, hashable, default repr shape.
class Plain:
    pass

a, b = Plain(), Plain()
print(a == a, a == b, a != b, a is not b)
print(hash(a) == hash(a), {a: 1}[a])
r = repr(a)
print(r.startswith('<__main__.Plain object at 0x'), r.endswith('>'))
print(str(a) == repr(a))
print(Plain.__eq__ is object.__eq__, Plain.__hash__ is object.__hash__)
print(a.__eq__(b), a.__ne__(b), a.__eq__(a))
print(type(a.__lt__(b)).__name__)
lst = [a, b]
print(lst.index(b), b in lst, lst.count(a))
print(object() == object(), type(object()).__name__)

class WithEq:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return self.v == other.v
print(WithEq(1) == WithEq(1), WithEq(1) != WithEq(1), WithEq(1) != WithEq(2))
print(WithEq(3) in [WithEq(1), WithEq(3)], [WithEq(2)].index(WithEq(2)))
