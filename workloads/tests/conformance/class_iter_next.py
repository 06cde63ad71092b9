# __iter__/__next__ iterator protocol in for loops and builtins.
class Countdown:
    def __init__(self, start):
        self.current = start
    def __iter__(self):
        return self
    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1

class Range2:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        i = 0
        while i < self.n:
            yield i * 2
            i += 1

for x in Countdown(3):
    print('tick', x)
print(list(Countdown(5)), sum(Countdown(4)), max(Countdown(6)))
c = Countdown(2)
print(iter(c) is c, next(c), next(c), next(c, 'done'))
r = Range2(4)
print(list(r), list(r), 6 in r, 7 in r)
a, b, c2 = Countdown(3)
print(a, b, c2)
print(sorted(Countdown(4)), tuple(Range2(3)), dict(zip(Range2(3), Countdown(3))))
class NotIterable:
    pass
try:
    for _ in NotIterable():
        pass
except TypeError as e:
    print('TypeError:', e)
class BadIter:
    def __iter__(self):
        return 5
try:
    iter(BadIter())
except TypeError as e:
    print('TypeError:', e)
