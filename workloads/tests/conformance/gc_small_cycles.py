# Two- and three-object cycles made of lists, dicts and plain instances.
import gc
import weakref

class Box:
    def __init__(self, label):
        self.label = label
        self.other = None

gc.collect()

# Two lists pointing at each other.
a = ["a"]
b = ["b"]
a.append(b)
b.append(a)
print("a[1] is b:", a[1] is b, "b[1] is a:", b[1] is a)
print("collect while referenced:", gc.collect())
del a
print("collect with b still alive:", gc.collect())
del b
print("two lists:", gc.collect())

# Three dicts in a ring.
d1 = {"n": 1}
d2 = {"n": 2}
d3 = {"n": 3}
d1["next"] = d2
d2["next"] = d3
d3["next"] = d1
walk = []
cur = d1
for _ in range(7):
    walk.append(cur["n"])
    cur = cur["next"]
print("walk around ring:", walk)
del d1, d2, d3, cur
print("three dicts:", gc.collect())

# Two instances.
p = Box("p")
q = Box("q")
p.other = q
q.other = p
print("p.other.other.label:", p.other.other.label)
wp = weakref.ref(p)
wq = weakref.ref(q)
del p, q
print("alive before collect:", wp() is not None, wq() is not None)
print("two instances:", gc.collect())
print("alive after collect:", wp() is not None, wq() is not None)

# Three instances in a ring.
boxes = [Box("x"), Box("y"), Box("z")]
for i in range(3):
    boxes[i].other = boxes[(i + 1) % 3]
labels = []
cur = boxes[0]
for _ in range(6):
    labels.append(cur.label)
    cur = cur.other
print("ring labels:", labels)
del cur
boxes.clear()
print("three instances:", gc.collect())

# Mixed: list -> dict -> instance -> list.
m_list = ["list"]
m_dict = {"kind": "dict"}
m_inst = Box("inst")
m_list.append(m_dict)
m_dict["inst"] = m_inst
m_inst.other = m_list
print("mixed path:", m_list[1]["inst"].other[0])
del m_list, m_dict, m_inst
print("list+dict+instance:", gc.collect())

print("nothing left:", gc.collect())
