# Cycles through closures: a nested function that refers to itself through
# its own cell, and mutually recursive closures. Observed via weakrefs and
# __del__ (exact collect() counts are not checked for functions).
import gc
import weakref

gc.collect()


def make_fact():
    def fact(n):
        if n <= 1:
            return 1
        return n * fact(n - 1)
    return fact


f = make_fact()
print("fact(10):", f(10))
print("closure cell holds the function:", f.__closure__[0].cell_contents is f)
wf = weakref.ref(f)
del f
print("alive after del (cycle through cell):", wf() is not None)
print("collected something:", gc.collect() > 0)
print("alive after collect:", wf() is not None)


def make_even_odd():
    def is_even(n):
        return True if n == 0 else is_odd(n - 1)

    def is_odd(n):
        return False if n == 0 else is_even(n - 1)
    return is_even, is_odd


ev, od = make_even_odd()
print("is_even(10), is_odd(7), is_even(3):", ev(10), od(7), ev(3))
refs = [weakref.ref(ev), weakref.ref(od)]
del ev, od
print("alive after del:", [r() is not None for r in refs])
print("collected something:", gc.collect() > 0)
print("alive after collect:", [r() is not None for r in refs])


finalized = []


class Resource:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        finalized.append(self.name)


def make_counter(name):
    res = Resource(name)
    count = [0]

    def step():
        count[0] += 1
        res.last = step
        return count[0]
    return step


steps = [make_counter("r%d" % i) for i in range(3)]
print("steps:", [s() for s in steps], [s() for s in steps])
print("finalized before drop:", finalized)
steps = None
print("finalized after drop, before collect:", finalized)
print("collected something:", gc.collect() > 0)
print("finalized after collect:", sorted(finalized))
print("collect again finds nothing:", gc.collect())
