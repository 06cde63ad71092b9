# PEP 442 resurrection: a __del__ that stores self into a global keeps the
# cycle alive; when it becomes garbage again __del__ does not run again and
# the cycle is freed.
import gc
import weakref

gc.collect()
graveyard = []
del_calls = []


class Phoenix:
    def __init__(self, name):
        self.name = name
        self.partner = None

    def __del__(self):
        del_calls.append(self.name)
        graveyard.append(self)


p = Phoenix("p")
p.partner = p
del p
print("before collect:", del_calls, len(graveyard))
gc.collect()
print("after collect:", del_calls, [g.name for g in graveyard])
back = graveyard[0]
print("resurrected keeps its cycle:", back.partner is back, back.name)
wr = weakref.ref(back)
del back
graveyard.clear()
print("still alive (cycle):", wr() is not None, del_calls)
gc.collect()
print("after second collect:", wr() is None, del_calls, graveyard)

# Two-member cycle where only one member resurrects; the other has no
# __del__. The whole cycle survives because it is reachable again.
class Plain:
    pass


del_calls.clear()
ph = Phoenix("ph")
pl = Plain()
ph.partner = pl
pl.partner = ph
pl.tag = "plain"
del ph, pl
gc.collect()
print("after collect:", del_calls, len(graveyard))
saved = graveyard.pop()
print("partner survived too:", saved.partner.tag, saved.partner.partner is saved)
w_ph = weakref.ref(saved)
w_pl = weakref.ref(saved.partner)
del saved
print("alive before collect:", w_ph() is not None, w_pl() is not None)
gc.collect()
print("alive after collect:", w_ph() is not None, w_pl() is not None)
print("del calls:", del_calls, "graveyard:", graveyard)

# Resurrecting several times in a row is impossible: count stays 1 each.
del_calls.clear()
group = [Phoenix("g%d" % i) for i in range(3)]
for i in range(3):
    group[i].partner = group[(i + 1) % 3]
group = None
for round_no in range(3):
    gc.collect()
    print("round", round_no, "del calls:", sorted(del_calls),
          "resurrected:", len(graveyard))
    graveyard.clear()
print("gc.garbage:", gc.garbage)
