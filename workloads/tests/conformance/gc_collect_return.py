# gc.collect() returns the number of unreachable objects it found. Only
# lists, dicts, sets and plain instances are used here.
import gc


class Node:
    def __init__(self, value):
        self.value = value
        self.next = None


gc.collect()
print("nothing to collect:", gc.collect())

# A ring of ten lists.
ring = [[i] for i in range(10)]
for i in range(10):
    ring[i].append(ring[(i + 1) % 10])
first = ring[0]
ring = None
print("ring reachable from first:", gc.collect(), len(first), first[1][1][0])
del first
print("ring of 10 lists:", gc.collect())

# Garbage hanging off a cycle (a list of ints only reachable from it) is
# counted as well.
a = [1, 2, 3]
b = {"items": a}
a.append(b)
b["extra"] = [4, 5, 6]
b["more"] = [[7], [8]]
del a, b
print("cycle + 4 hanging lists:", gc.collect())

# Many separate cycles collected in one pass.
for i in range(25):
    n1 = Node(i)
    n2 = Node(-i)
    n1.next = n2
    n2.next = n1
del n1, n2
print("25 two-node cycles:", gc.collect())

# A linked chain of 30 nodes closed into a loop.
head = Node(0)
cur = head
for i in range(1, 30):
    cur.next = Node(i)
    cur = cur.next
cur.next = head
total = 0
walker = head
for _ in range(30):
    total += walker.value
    walker = walker.next
print("loop sum:", total, "back at head:", walker is head)
del head, cur, walker
print("30-node loop:", gc.collect())

# Sets: a set containing an instance that holds a list holding the set.
s = set()
holder = Node("h")
holder.next = [s]
s.add(holder)
del s, holder
print("set + node + list:", gc.collect())

# A cycle that is still reachable from a global container is not counted,
# until the container lets go of it.
keep = []
x = [0]
x.append(x)
keep.append(x)
del x
print("reachable cycle:", gc.collect())
keep.clear()
print("after release:", gc.collect())
print("nothing left:", gc.collect())
print("type of result:", type(gc.collect()).__name__)
