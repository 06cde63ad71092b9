# set mutation methods: add, remove, discard, pop, clear, update variants.
s = {3, 1, 2}
s.add(4)
s.add(1)
print(sorted(s))
s.remove(3)
s.discard(3)
s.discard(100)
print(sorted(s))
try:
    s.remove(100)
except KeyError as e:
    print('KeyError:', e)
s.update([10, 11], (12,))
print(sorted(s))
s |= {20}
s &= {1, 2, 10, 20, 99}
print(sorted(s))
s -= {1}
s ^= {2, 5}
print(sorted(s))
s.intersection_update(range(0, 15))
print(sorted(s))
s.difference_update([5])
print(sorted(s))
s.symmetric_difference_update({10, 7})
print(sorted(s))
popped = []
while s:
    popped.append(s.pop())
print(sorted(popped), s)
try:
    set().pop()
except KeyError as e:
    print('KeyError:', e)
t = {1, 2}
u = t.copy()
u.add(3)
t.clear()
print(t, sorted(u))
seen = set()
dups = []
for x in [3, 1, 3, 2, 1, 5]:
    if x in seen:
        dups.append(x)
    seen.add(x)
print(dups, sorted(seen))
