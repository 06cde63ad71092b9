# Annotations are stored but not enforced; multiple return values are tuples.
def divide(a: int, b: int = 1) -> tuple:
    return a // b, a % b

print(divide(17, 5), divide(9))
q, r = divide(100, 7)
print(q, r)
print(divide.__annotations__)
print(divide(22, 4))

def nothing():
    pass
def bare_return():
    return
def early(x):
    if x:
        return 'early'
    print('  fell through')
print(nothing(), bare_return(), early(1), early(0))

def stats(values):
    return min(values), max(values), sum(values) / len(values)
lo, hi, avg = stats([4, 8, 15, 16, 23, 42])
print(lo, hi, avg)
first, *rest = stats([1, 2])
print(first, rest)
def ann_only(x: 'anything', *args: int, **kw: str) -> None:
    return x
print(ann_only(5), sorted(ann_only.__annotations__))
