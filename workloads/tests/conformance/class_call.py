# __call__ makes instances callable; callable() reports it.
class Multiplier:
    def __init__(self, k):
        self.k = k
        self.calls = 0
    def __call__(self, x, *rest, scale=1):
        self.calls += 1
        return (x * self.k + sum(rest)) * scale

triple = Multiplier(3)
print(triple(4), triple(1, 10, 20), triple(2, scale=10), triple.calls)
print(list(map(triple, [1, 2, 3])))
print(callable(triple), callable(Multiplier), callable(5), callable(len), callable(lambda: 0))

class Plain:
    pass
print(callable(Plain()))
try:
    Plain()()
except TypeError as e:
    print('TypeError:', e)
five = 5
try:
    five()
except TypeError as e:
    print('TypeError:', e)

class Accumulator:
    def __init__(self):
        self.total = 0
    def __call__(self, v):
        self.total += v
        return self
acc = Accumulator()
acc(1)(2)(3)
print(acc.total)
