# Class attributes are shared; instance attributes shadow them.
class Counter:
    kind = 'counter'
    instances = 0

    def __init__(self, start=0):
        self.value = start
        Counter.instances += 1

    def inc(self, by=1):
        self.value += by
        return self.value

a = Counter()
b = Counter(10)
print(a.inc(), a.inc(), b.inc(5))
print(a.value, b.value, Counter.instances, a.instances, b.kind)
a.kind = 'mine'
print(a.kind, b.kind, Counter.kind)
Counter.kind = 'changed'
print(a.kind, b.kind, Counter.kind)
del a.kind
print(a.kind)
print(Counter.__name__, type(a).__name__, a.__class__.__name__)
print(type(a) is Counter, a.__class__ is Counter)
m = a.inc
print(m(100), a.value)
print(Counter.inc(b, 2), b.value)
