# gc.disable() stops automatic collection, gc.collect() still works while
# disabled, gc.enable() turns it back on.
import gc

gc.collect()
print("initially enabled:", gc.isenabled())

finalized = [0]


class Cyc:
    def __init__(self, n):
        self.n = n
        self.me = self

    def __del__(self):
        finalized[0] += 1


gc.disable()
print("after disable:", gc.isenabled())
for i in range(5000):
    Cyc(i)
print("finalized while disabled:", finalized[0])
print("gen0 count grew past threshold:", gc.get_count()[0] > gc.get_threshold()[0])

gc.collect()
print("explicit collect while disabled:", finalized[0])
print("still disabled:", gc.isenabled())

# Disabling twice is fine; collect(0) also works while disabled.
gc.disable()
gc.disable()
print("disabled twice:", gc.isenabled())
finalized[0] = 0
for i in range(100):
    Cyc(i)
print("before collect(0):", finalized[0])
gc.collect(0)
print("after collect(0):", finalized[0])

gc.enable()
print("after enable:", gc.isenabled())
finalized[0] = 0
for i in range(5000):
    Cyc(i)
print("automatic collection resumed:", finalized[0] > 0)
gc.collect()
print("all finalized:", finalized[0])

gc.enable()
print("enabled twice:", gc.isenabled())

# A disabled section in the middle of a loop.
finalized[0] = 0
gc.disable()
for i in range(2000):
    Cyc(i)
during = finalized[0]
gc.enable()
for i in range(2000):
    Cyc(i)
print("during disabled section:", during)
print("after re-enabling some were collected:", finalized[0] > 0)
gc.collect()
print("total:", finalized[0])
print("enabled at end:", gc.isenabled())
