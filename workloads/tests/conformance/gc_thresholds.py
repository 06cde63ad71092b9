# gc.get_threshold / gc.set_threshold and gc.get_count right after a
# collection.
import gc

print("default threshold:", gc.get_threshold())
t = gc.get_threshold()
print("types:", type(t).__name__, [type(v).__name__ for v in t], len(t))

gc.collect()
c = gc.get_count()
print("count right after collect:", c)
print("count types:", type(c).__name__, len(c))

gc.set_threshold(100)
print("after set_threshold(100):", gc.get_threshold())
gc.set_threshold(500, 5)
print("after set_threshold(500, 5):", gc.get_threshold())
gc.set_threshold(1000, 20, 30)
print("after set_threshold(1000, 20, 30):", gc.get_threshold())
gc.set_threshold(0)
print("threshold 0 (disables automatic collection):", gc.get_threshold())
print("isenabled is unaffected:", gc.isenabled())

# With threshold 0 nothing is collected automatically.
finalized = []


class Cyc:
    def __init__(self, i):
        self.i = i
        self.me = self

    def __del__(self):
        finalized.append(self.i)


for i in range(3000):
    Cyc(i)
print("finalized with threshold 0:", len(finalized))
gc.collect()
print("finalized after collect:", len(finalized))
gc.collect()
print("count right after a quiet collect:", gc.get_count())

gc.set_threshold(700, 10, 10)
print("restored:", gc.get_threshold())

# The generation-0 count stays below its threshold while automatic
# collection is on.
junk = []
for i in range(2000):
    junk.append([i])
print("gen0 count below threshold:", gc.get_count()[0] <= 700)
print("counts are non-negative:", all(v >= 0 for v in gc.get_count()))
junk = None

try:
    gc.set_threshold()
except TypeError:
    print("set_threshold() needs an argument: TypeError")
try:
    gc.set_threshold("x")
except TypeError:
    print("set_threshold('x'): TypeError")
print("still:", gc.get_threshold())
gc.collect()
print("final count right after collect:", gc.get_count())
