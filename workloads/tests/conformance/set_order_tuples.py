print({(1, 2), (3, 4), (0, 0), (5, -1)})
s = set()
for i in range(6):
    for j in range(4):
        s.add((i, j))
print(s)
print({(i, i * i) for i in range(-5, 12)})
print(set([(1,), (2,), (), (1, (2, 3)), (2.5, True)]))
t = {(x, -x) for x in range(30)}
for x in range(0, 30, 4):
    t.discard((x, -x))
print(t)
print([t.pop() for _ in range(5)])
print(hash((1, 2)) == hash((1, 2)), (1, 2) in {(1, 2)}, (1, 2.0) in {(1, 2)})
print(hash((1, 2)), hash(()), hash((-1, 2.5, (3,))), hash((2**70, True)))
