# Automatic collection: with a low threshold, garbage cycles created in a
# loop are reclaimed without any explicit gc.collect() call.
import gc
import weakref

gc.collect()
gc.set_threshold(100)
print("threshold:", gc.get_threshold(), "enabled:", gc.isenabled())

finalized = [0]


class Pair:
    def __init__(self, n):
        self.n = n
        self.other = None

    def __del__(self):
        finalized[0] += 1


TOTAL = 1000
watch = []
for i in range(TOTAL):
    a = Pair(i)
    b = Pair(-i)
    a.other = b
    b.other = a
    if i % 100 == 0:
        watch.append(weakref.ref(a))
auto = finalized[0]
print("some pairs finalized automatically:", auto > 0)
print("not more than were created:", auto <= 2 * TOTAL)
print("the last pair is still alive:", a.other.other is a, finalized[0] < 2 * TOTAL)
dead = [w() is None for w in watch]
print("some watched pairs already gone:", any(dead))
print("the first watched pair is gone:", dead[0])
del a, b
gc.collect()
print("after explicit collect:", finalized[0], "of", 2 * TOTAL)
print("all watched gone:", all(w() is None for w in watch))

# Plain list cycles (no __del__), observed through a weakref'd instance
# hanging off each cycle.
class Tag:
    pass


tags = []
for i in range(3000):
    lst = [i]
    lst.append(lst)
    t = Tag()
    lst.append(t)
    if i % 500 == 0:
        tags.append(weakref.ref(t))
del t
print("watched tags:", len(tags))
print("early tags reclaimed automatically:", tags[0]() is None, tags[1]() is None)
del lst
gc.collect()
print("all tags reclaimed:", [w() is None for w in tags])

gc.set_threshold(700, 10, 10)
print("threshold restored:", gc.get_threshold())
