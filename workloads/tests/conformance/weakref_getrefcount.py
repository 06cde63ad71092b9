# sys.getrefcount reports one extra reference for its own argument.
import sys

class Thing:
    pass

x = Thing()
print(sys.getrefcount(x))
holder = []
holder.append(x)
print(sys.getrefcount(x))
y = x
print(sys.getrefcount(x))
del y
holder.pop()
print(sys.getrefcount(x))
d = {'k': x}
t = (x, x)
print(sys.getrefcount(x))
del d, t
print(sys.getrefcount(x))

def count_inside(obj):
    return sys.getrefcount(obj)
print(count_inside(Thing()) >= 2)
lst = [1.5 + 0.25]
print(sys.getrefcount(lst))
