# Hand-written itertools-style helpers built from generators.
def count(start=0, step=1):
    n = start
    while True:
        yield n
        n += step

def islice(it, n):
    it = iter(it)
    for _ in range(n):
        try:
            yield next(it)
        except StopIteration:
            return

def takewhile(pred, it):
    for x in it:
        if not pred(x):
            return
        yield x

def cycle(seq):
    while True:
        yield from seq

def pairwise(it):
    it = iter(it)
    prev = next(it, None)
    for x in it:
        yield prev, x
        prev = x

def accumulate(it):
    total = 0
    for x in it:
        total += x
        yield total

print(list(islice(count(10, 5), 4)))
print(list(takewhile(lambda x: x * x < 50, count())))
print(list(islice(cycle('ab'), 5)))
print(list(pairwise([1, 4, 9, 16])))
print(list(accumulate(range(1, 6))))
print(list(islice([1, 2], 10)))
print(sum(islice((x for x in count() if x % 7 == 3), 5)))
evens = (n for n in count() if n % 2 == 0)
print([next(evens) for _ in range(4)], next(evens))
