# Generator expressions passed to sum/list/any/all/max/min/sorted/tuple/set/dict.
nums = [3, -1, 4, -1, 5, -9, 2, 6]
print(sum(x * x for x in nums))
print(sum(x for x in nums if x > 0))
print(list(x // 2 for x in nums))
print(any(x > 5 for x in nums), any(x > 50 for x in nums))
print(all(x != 0 for x in nums), all(x > 0 for x in nums))
print(max(abs(x) for x in nums), min((x for x in nums), default=None))
print(min((x for x in []), default='empty'))
print(sorted((x for x in nums), reverse=True)[:3])
print(tuple(c.upper() for c in 'abc'), sorted(set(x % 3 for x in nums)))
print(dict((k, len(k)) for k in ('a', 'bb', 'ccc')))
print(' '.join(str(n) for n in range(5)))
g = (x * 10 for x in range(3))
print(type(g).__name__, next(g), list(g), list(g))
checks = []
def noisy(v):
    checks.append(v)
    return v
print(any(noisy(x) > 2 for x in [1, 2, 3, 4, 5]), checks)
total = sum(i * j for i in range(4) for j in range(i))
print(total)
