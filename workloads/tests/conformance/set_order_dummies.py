s = {1, 2}
s.remove(1)
s.add(9)
print(s)
s = set(range(10))
for i in range(0, 10, 2):
    s.discard(i)
print(s)
for i in [20, 4, 36, 8, 0]:
    s.add(i)
print(s)
t = set()
for i in range(50):
    t.add(i * 8)
    if i % 4 == 0:
        t.discard(i * 4)
print(t)
p = set(range(5, 40, 3))
out = []
while p:
    out.append(p.pop())
    if len(out) == 3:
        p.add(100)
        p.add(1)
print(out)
q = {64, 1, 128, 2}
print(q.pop(), q.pop(), q)
q.add(0)
print(q.pop(), q)
c = set(range(30))
c.clear()
c.add(17)
c.add(9)
print(c)
