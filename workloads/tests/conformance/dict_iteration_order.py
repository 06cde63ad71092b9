# Iterating a dict yields keys in insertion order.
d = {}
for word in ['delta', 'alpha', 'charlie', 'bravo']:
    d[word] = len(word)
for k in d:
    print(k, d[k])
d['alpha'] = 0
d.pop('delta')
d['delta'] = 99
for k, v in d.items():
    print(k, v)
inverse = {}
for k, v in d.items():
    inverse[v] = k
print(inverse)
squares = {}
for i in range(10, 0, -1):
    squares[i] = i * i
print(squares)
print(list(squares.keys())[:3])
