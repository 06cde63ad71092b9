# gc.freeze / gc.unfreeze / gc.get_freeze_count, and gc.garbage.
import gc

gc.collect()
print("gc.garbage:", gc.garbage, type(gc.garbage).__name__)
print("garbage is the same object each time:", gc.garbage is gc.garbage)

n = gc.get_freeze_count()
print("freeze count type:", type(n).__name__, "non-negative:", n >= 0)

keep = [[i] for i in range(50)]
gc.freeze()
frozen = gc.get_freeze_count()
print("after freeze: int:", type(frozen).__name__ == "int", ">= 0:", frozen >= 0)
gc.unfreeze()
print("after unfreeze:", gc.get_freeze_count())
gc.unfreeze()
print("unfreeze twice:", gc.get_freeze_count())


# Objects with __del__ in a cycle no longer end up in gc.garbage.
log = []


class Fin:
    def __init__(self, name):
        self.name = name
        self.other = None

    def __del__(self):
        log.append(self.name)


a = Fin("a")
b = Fin("b")
a.other = b
b.other = a
del a, b
gc.collect()
print("finalized:", sorted(log))
print("gc.garbage still empty:", gc.garbage)

# Plain cycles never go to gc.garbage either.
for i in range(10):
    x = [i]
    x.append(x)
del x
print("collected:", gc.collect())
print("gc.garbage:", gc.garbage, len(gc.garbage))

# gc.garbage is an ordinary list we may append to and clear.
gc.garbage.append("marker")
print("appended:", gc.garbage)
gc.collect()
print("collect leaves user entries alone:", gc.garbage)
gc.garbage.clear()
print("cleared:", gc.garbage)
print("still a list:", isinstance(gc.garbage, list))
