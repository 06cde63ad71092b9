# Self-referencing containers and instances are reclaimed by gc.collect().
import gc
import weakref


class Node:
    def __init__(self, name):
        self.name = name


gc.collect()
print("baseline second collect:", gc.collect())

# A list that contains itself.
lst = [1, 2, 3]
lst.append(lst)
print("list contains itself:", lst[3] is lst, len(lst))
print("repr:", lst)
print("collect while referenced:", gc.collect())
del lst
print("collect after del list:", gc.collect())

# A dict that contains itself.
d = {"name": "d"}
d["me"] = d
print("dict contains itself:", d["me"] is d, sorted(d.keys()))
print("repr:", d)
print("collect while referenced:", gc.collect())
del d
print("collect after del dict:", gc.collect())

# An instance whose attribute is itself.
n = Node("n")
n.me = n
wr = weakref.ref(n)
print("instance refers to itself:", n.me is n, n.me.me.name)
print("weakref alive:", wr() is not None, wr().name)
print("collect while referenced:", gc.collect())
del n
print("weakref alive after del (cycle keeps it):", wr() is not None)
print("collect after del instance:", gc.collect())
print("weakref alive after collect:", wr() is not None, wr())

# Several independent self-cycles at once.
for i in range(5):
    x = []
    x.append(x)
del x
print("five list self-cycles:", gc.collect())
for i in range(4):
    y = {}
    y[i] = y
del y
print("four dict self-cycles:", gc.collect())
refs = []
for i in range(3):
    z = Node("z%d" % i)
    z.me = z
    refs.append(weakref.ref(z))
del z
print("alive before:", [r() is not None for r in refs])
print("three instance self-cycles:", gc.collect())
print("alive after:", [r() is not None for r in refs])
print("final collect:", gc.collect())
