# gc.get_stats(): structure, and the generation-2 'collections' counter goes
# up by exactly one per full collection.
import gc

gc.disable()
gc.collect()
stats = gc.get_stats()
print("type:", type(stats).__name__, "len:", len(stats))
for gen, entry in enumerate(stats):
    print("gen", gen, type(entry).__name__, sorted(entry.keys()))
    print("  value types:", sorted(set(type(v).__name__ for v in entry.values())))
    print("  non-negative:", all(v >= 0 for v in entry.values()))

before = gc.get_stats()[2]["collections"]
gc.collect()
after = gc.get_stats()[2]["collections"]
print("gen2 collections increased by:", after - before)

before = gc.get_stats()[2]["collections"]
for _ in range(3):
    gc.collect()
after = gc.get_stats()[2]["collections"]
print("three more collections:", after - before)

# collect(0) bumps generation 0's counter, not generation 2's.
g0_before = gc.get_stats()[0]["collections"]
g2_before = gc.get_stats()[2]["collections"]
gc.collect(0)
print("gen0 delta after collect(0):", gc.get_stats()[0]["collections"] - g0_before)
print("gen2 delta after collect(0):", gc.get_stats()[2]["collections"] - g2_before)

# 'collected' of generation 2 grows by the number of objects collected.
col_before = gc.get_stats()[2]["collected"]
x = []
y = [x]
x.append(y)
del x, y
n = gc.collect()
print("collected now:", n)
print("gen2 'collected' grew by:", gc.get_stats()[2]["collected"] - col_before)
print("uncollectable stays 0:", [s["uncollectable"] for s in gc.get_stats()])

# Each call returns fresh objects.
s1 = gc.get_stats()
s2 = gc.get_stats()
print("fresh list:", s1 is not s2, s1[0] is not s2[0])
gc.enable()
print("enabled again:", gc.isenabled())
