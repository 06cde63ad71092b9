# Comprehensions calling functions, with the walrus operator, and side effects.
def parse(s):
    try:
        return int(s)
    except ValueError:
        return None

raw = ['1', 'x', '22', '', '333', '4y']
print([v for s in raw if (v := parse(s)) is not None])
print(v)
seen = []
result = [seen.append(c) or c.upper() for c in 'abc']
print(result, seen)
print([len(w) for w in 'the quick brown fox'.split()])
print({w: w.count('o') for w in 'foo boo zoo bar'.split() if 'o' in w})
import sys
print(sum(1 for line in ['a', 'b', 'c']), sys.maxsize > 2 ** 31)
data = [('a', 3), ('b', 1), ('c', 2)]
print([name for name, _ in sorted(data, key=lambda p: p[1])])
total = 0
running = [total := total + n for n in range(1, 6)]
print(running, total)
