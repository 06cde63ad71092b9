# gc.is_tracked for atoms, lists, instances and classes.
import gc


class A:
    pass


class B(A):
    def __init__(self):
        self.x = 1


print("int 1:", gc.is_tracked(1))
print("big int:", gc.is_tracked(10 ** 30))
print("str 's':", gc.is_tracked("s"))
print("empty str:", gc.is_tracked(""))
print("float:", gc.is_tracked(1.5))
print("None:", gc.is_tracked(None))
print("True:", gc.is_tracked(True))
print("bytes:", gc.is_tracked(b"abc"))
print("empty list:", gc.is_tracked([]))
print("list of ints:", gc.is_tracked([1, 2, 3]))
print("list of strs:", gc.is_tracked(["a", "b"]))
print("nested list:", gc.is_tracked([[1], [2]]))
print("instance A():", gc.is_tracked(A()))
print("instance B():", gc.is_tracked(B()))
print("class A:", gc.is_tracked(A))
print("class B:", gc.is_tracked(B))
print("set:", gc.is_tracked({1, 2}))
print("empty set:", gc.is_tracked(set()))


def f():
    return 1


print("function:", gc.is_tracked(f))
print("lambda:", gc.is_tracked(lambda: 0))

lst = []
print("list before append:", gc.is_tracked(lst))
lst.append(1)
print("list after append of int:", gc.is_tracked(lst))
lst.append(lst)
print("list containing itself:", gc.is_tracked(lst))

a = A()
a.me = a
print("self-referencing instance:", gc.is_tracked(a))
results = [gc.is_tracked(v) for v in [0, -1, 2 ** 70, "x" * 100, 3.0]]
print("atoms:", results)
try:
    gc.is_tracked()
except TypeError:
    print("is_tracked() without argument: TypeError")
print("result type:", type(gc.is_tracked(a)).__name__)
