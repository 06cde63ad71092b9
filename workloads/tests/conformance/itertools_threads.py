# Threads pulling from one shared itertools iterator: each next() is
# atomic (as under CPython's GIL), so together they see every item once.
import threading
from itertools import count, islice, repeat, product, chain, cycle, zip_longest

N = 4
PER = 3000


def drain(it, out, n=None):
    got = []
    if n is None:
        for x in it:
            got.append(x)
    else:
        for _ in range(n):
            got.append(next(it))
    out.append(got)


def run(make_target):
    results = []
    threads = [threading.Thread(target=make_target(results)) for _ in range(N)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


shared = count()
results = run(lambda out: (lambda: drain(shared, out, PER)))
seen = sorted(x for r in results for x in r)
print("count", len(seen), seen == list(range(N * PER)), next(shared))

shared = islice(count(), 0, N * PER)
results = run(lambda out: (lambda: drain(shared, out)))
seen = sorted(x for r in results for x in r)
print("islice", len(seen), seen == list(range(N * PER)))

# With a step, the items each step skips depend on how the threads
# interleave; how many are yielded does not.
shared = islice(count(), 0, 2 * N * PER, 2)
results = run(lambda out: (lambda: drain(shared, out)))
seen = [x for r in results for x in r]
print("islice-step", len(seen), len(set(seen)))

src = iter(range(N * PER))
shared = islice(src, 5, N * PER - 5)
first = next(shared)
results = run(lambda out: (lambda: drain(shared, out)))
seen = sorted([first] + [x for r in results for x in r])
print("islice-of-iter", len(seen), seen == list(range(5, N * PER - 5)), next(src, "end"))

shared = repeat("x", N * PER)
results = run(lambda out: (lambda: drain(shared, out)))
print("repeat", sum(len(r) for r in results), shared.__length_hint__())

shared = product(range(30), repeat=3)
results = run(lambda out: (lambda: drain(shared, out)))
seen = sorted(x for r in results for x in r)
print("product", len(seen), len(set(seen)), seen == list(product(range(30), repeat=3)))

shared = chain.from_iterable([range(i, i + 10) for i in range(0, N * PER, 10)])
results = run(lambda out: (lambda: drain(shared, out)))
seen = sorted(x for r in results for x in r)
print("chain", len(seen), seen == list(range(N * PER)) or len(set(seen)))

shared = zip_longest(range(N * PER), count())
try:
    results = run(lambda out: (lambda: drain(shared, out, PER)))
    seen = sorted(x for r in results for x in r)
    print("zip_longest", len(seen), all(a is not None for a, b in seen))
except ValueError as e:
    print("zip_longest", e)
