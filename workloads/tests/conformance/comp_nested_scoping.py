# Comprehension variables do not leak; the first iterable is evaluated in the enclosing scope.
i = 'unchanged'
squares = [i * i for i in range(4)]
print(squares, i)
x = 10
print([x for x in range(3)], x)
print({k: x for k in 'ab'})

class Config:
    items = [1, 2, 3]
    doubled = [v * 2 for v in items]
print(Config.doubled)

def nested():
    data = {'a': [1, 2], 'b': [3]}
    return [(k, v) for k in sorted(data) for v in data[k]]
print(nested())
grid = [[0] * 3 for _ in range(2)]
grid[0][0] = 1
print(grid)
shared = [[0] * 3] * 2
shared[0][0] = 1
print(shared)
print([[j for j in range(i)] for i in range(4)])
print([n for n in range(20) if n > 2 if all(n % d for d in range(2, n))])
