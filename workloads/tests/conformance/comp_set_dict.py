# Set and dict comprehensions, including key collisions and inversions.
words = ['apple', 'avocado', 'banana', 'blueberry', 'cherry', 'apple']
print(sorted({w[0] for w in words}))
print(sorted({len(w) for w in words}))
print({w: len(w) for w in words})
print({w[0]: w for w in words})
squares = {n: n * n for n in range(6) if n % 2 == 0}
print(squares, 4 in squares, 3 in squares)
inverted = {v: k for k, v in squares.items()}
print(inverted)
print({k: [x for x in range(k)] for k in range(4)})
print(sorted({(a, b) for a in range(3) for b in range(3) if a + b == 2}))
counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
print({k: v for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))})
print({i % 3: i for i in range(10)})
s = {x % 4 for x in range(100)}
print(type(s).__name__, sorted(s), len(s))
print({c: ord(c) for c in 'hello'})
print(sorted({frozenset({1, 2}), frozenset({2, 1}), frozenset({3})}, key=sorted))
