# threading.local under contention: 8 threads write and read their own
# attributes of shared local objects many times; none sees another's.
import threading
import weakref

N = 8
ROUNDS = 100
shared = threading.local()
others = [threading.local() for _ in range(4)]
barrier = threading.Barrier(N)
errors = []
refs = []


class Payload:
    pass
totals = [0] * N


def work(i):
    barrier.wait()
    for r in range(ROUNDS):
        shared.v = (i, r)
        for o in others:
            o.v = i
        if shared.v != (i, r):
            errors.append(("shared", i, shared.v))
        for o in others:
            if o.v != i:
                errors.append(("other", i, o.v))
        totals[i] += shared.v[1]
    # A local made in this thread, used by this thread only.
    mine = threading.local()
    mine.n = i
    totals[i] += mine.n
    # Freed when the thread ends: its namespaces go with it.
    p = Payload()
    shared.payload = p
    refs.append(weakref.ref(p))


threads = [threading.Thread(target=work, args=(i,)) for i in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(errors, totals)
print(hasattr(shared, "v"), [hasattr(o, "v") for o in others])
print(len(refs), [r() for r in refs])
