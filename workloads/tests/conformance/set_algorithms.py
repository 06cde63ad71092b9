# Sets in algorithms: BFS visited set, dedup preserving order, common elements.
graph = {
    'a': ['b', 'c'],
    'b': ['d'],
    'c': ['d', 'e'],
    'd': ['a', 'f'],
    'e': ['f'],
    'f': [],
    'g': ['a'],
}
def reachable(start):
    seen = {start}
    order = [start]
    frontier = [start]
    while frontier:
        nxt = []
        for node in frontier:
            for nb in graph[node]:
                if nb not in seen:
                    seen.add(nb)
                    order.append(nb)
                    nxt.append(nb)
        frontier = nxt
    return order, seen
order, seen = reachable('a')
print(order, sorted(seen), sorted(set(graph) - seen))
def dedup(items):
    seen = set()
    out = []
    for x in items:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out
print(dedup([3, 1, 3, 2, 1, 4, 2]), dedup('abracadabra'))
lists = [[1, 2, 3, 4], [2, 3, 4, 5], [0, 3, 4, 9]]
common = set(lists[0])
for l in lists[1:]:
    common &= set(l)
print(sorted(common), sorted(set().union(*lists)))
primes = set(range(2, 50))
for i in range(2, 8):
    primes -= set(range(i * i, 50, i))
print(sorted(primes))
print(len({x * y % 10 for x in range(10) for y in range(10)}))
