import weakref, gc
class A: pass
a = A()
f = weakref.finalize(a, print, "collected", 1)
print(f.alive, f.peek()[1:] )
del a
gc.collect()
print(f.alive)
b = A()
g = weakref.finalize(b, lambda x: x * 2, 21)
print(g(), g(), g.alive)
c = A()
h = weakref.finalize(c, print, "at exit")
k = weakref.finalize(c, print, "detached")
print(k.detach()[1:])
print(type(k.detach()))
import tempfile, os
with tempfile.TemporaryDirectory() as d:
    print(os.path.isdir(d))
print(os.path.isdir(d))
