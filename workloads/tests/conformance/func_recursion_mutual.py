# Mutual recursion, recursion with accumulators, and recursive closures.
def is_even(n):
    return True if n == 0 else is_odd(n - 1)

def is_odd(n):
    return False if n == 0 else is_even(n - 1)

print([is_even(i) for i in range(6)], is_odd(99))

def flatten(x, acc=None):
    if acc is None:
        acc = []
    for item in x:
        if isinstance(item, list):
            flatten(item, acc)
        else:
            acc.append(item)
    return acc
print(flatten([1, [2, [3, [4, [5]]]], 6, [[7]]]))

def permutations(items):
    if len(items) <= 1:
        return [items]
    out = []
    for i in range(len(items)):
        for rest in permutations(items[:i] + items[i + 1:]):
            out.append(items[i:i + 1] + rest)
    return out
print(permutations('abc'))

def make_walker():
    seen = []
    def walk(tree, depth=0):
        seen.append('  ' * depth + str(tree[0]))
        for child in tree[1:]:
            walk(child, depth + 1)
    return walk, seen
walk, seen = make_walker()
walk(('root', ('a', ('a1',)), ('b',)))
print('\n'.join(seen))
def hanoi(n, a, b, c, moves):
    if n:
        hanoi(n - 1, a, c, b, moves)
        moves.append(a + c)
        hanoi(n - 1, b, a, c, moves)
    return moves
print(len(hanoi(10, 'A', 'B', 'C', [])), hanoi(2, 'A', 'B', 'C', []))
