# Cycles through instance attributes: a.b = b; b.a = a, parent pointers,
# doubly linked lists. Only garbage is reclaimed, reachable cycles stay.
import gc
import weakref

class A:
    pass

class TreeNode:
    def __init__(self, name, parent):
        self.name = name
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)

class Link:
    def __init__(self, value):
        self.value = value
        self.prev = None
        self.next = None

gc.collect()

a = A()
b = A()
a.b = b
b.a = a
print("a.b.a is a:", a.b.a is a, "b.a.b is b:", b.a.b is b)
wa = weakref.ref(a)
wb = weakref.ref(b)
del a
print("collect with b alive:", gc.collect(), "a alive:", wa() is not None)
del b
print("collect a<->b:", gc.collect(), "alive:", wa() is not None, wb() is not None)

# A tree whose children point at their parent: 1 root + 3 children +
# 6 grandchildren = 10 nodes, plus 10 children lists = 20 objects.
root = TreeNode("root", None)
for i in range(3):
    child = TreeNode("c%d" % i, root)
    for j in range(2):
        TreeNode("c%d.g%d" % (i, j), child)
names = []
for c in root.children:
    names.append(c.name + ":" + ",".join(g.name for g in c.children))
print("tree:", names)
print("grandchild's root:", root.children[2].children[1].parent.parent.name)
wroot = weakref.ref(root)
keep = root.children[1].children[0]
del root, child
print("collect while a leaf is kept:", gc.collect())
print("root alive via leaf:", wroot() is not None, keep.parent.parent.name)
del keep, c
print("collect tree:", gc.collect(), "root alive:", wroot() is not None)

# A doubly linked list of 50 links.
head = Link(0)
tail = head
for v in range(1, 50):
    nxt = Link(v)
    tail.next = nxt
    nxt.prev = tail
    tail = nxt
total = 0
cur = head
while cur is not None:
    total += cur.value
    cur = cur.next
print("sum forward:", total)
back = []
cur = tail
while cur is not None and len(back) < 5:
    back.append(cur.value)
    cur = cur.prev
print("first five backwards:", back)
wlinks = [weakref.ref(head), weakref.ref(tail)]
del head, tail, nxt, cur
print("collect linked list:", gc.collect())
print("ends alive:", [w() is not None for w in wlinks])
