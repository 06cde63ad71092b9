# List comprehensions with filters, conditional expressions and nesting.
nums = list(range(-5, 11))
print([n for n in nums if n % 3 == 0])
print([n if n >= 0 else -n for n in nums])
print(['fizz' if n % 3 == 0 else n for n in range(1, 10) if n % 2])
print([x * y for x in range(1, 4) for y in range(1, 4) if x != y])
print([(x, y) for x in range(3) for y in range(x)])
print([[c for c in w if c in 'aeiou'] for w in ['banana', 'sky', 'queue']])
words = ['apple', 'Bob', 'civic', 'Deed', 'eagle']
print([w for w in words if w.lower() == w.lower()[::-1]])
print([len(w) for w in words if len(w) > 3 if w[0].islower()])
matrix = [[1, 2, 3], [4, 5, 6]]
print([[row[i] for row in matrix] for i in range(3)])
print([v for row in matrix for v in row if v % 2 == 0])
print([i for i in range(5)][::-1], [] == [x for x in []])
print([(lambda k: k * 2)(i) for i in 'ab'])
print([y for x in [[1, [2]], [3, [4, 5]]] for y in x[1]])
