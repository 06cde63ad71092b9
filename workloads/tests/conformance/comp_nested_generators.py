# Nested comprehensions mixing generator expressions, lists and sets.
rows = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print(sum(sum(x for x in row) for row in rows))
print([max(row) for row in rows], max(max(r) for r in rows))
print(list(sum(col) for col in zip(*rows)))
flat = [x for row in rows for x in row]
print(flat)
print(sorted({x % 4 for row in rows for x in row if x > 2}))
print([[x * y for x in range(1, 4)] for y in range(1, 4)])
diag = [rows[i][i] for i in range(len(rows))]
print(diag, sum(diag))
print(any(all(x > 3 for x in row) for row in rows), all(any(x % 2 == 0 for x in row) for row in rows))
words = ['one', 'two', 'three', 'four']
print({len(w): [v for v in words if len(v) == len(w)] for w in words})
print(sorted(set(c for w in words for c in w)))
print(list(enumerate(w[0] for w in words)))
