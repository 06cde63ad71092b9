# Lexicographic comparisons, sorting with keys, and case-insensitive ordering.
names = ['bob', 'Alice', 'carol', 'alice', 'Bob', 'dave', 'Éva', 'zed', 'Zoe']
print(sorted(names))
print(sorted(names, key=str.lower))
print(sorted(names, key=lambda s: (len(s), s)))
print(sorted(names, reverse=True)[:3])
print(sorted(names, key=lambda s: s[-1]))
print('a' < 'B', 'a'.lower() < 'B'.lower(), 'abc' < 'abd', '' < 'a', 'Z' < 'a')
print(max(names), min(names), max(names, key=len))
print('10' < '9', int('10') < int('9'), sorted(['10', '9', '100']), sorted(['10', '9', '100'], key=int))
print(['b', 'a'] < ['b', 'b'], ('x', 1) < ('x', 2))
