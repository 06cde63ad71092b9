# One generator drawn from by several threads at once: each output of the
# sequence is handed out exactly once (no word is lost or repeated).
import _random
import threading

THREADS, DRAWS = 4, 500
shared = _random.Random(31337)
results = [[] for _ in range(THREADS)]

def work(i):
    out = results[i]
    for _ in range(DRAWS):
        out.append(shared.getrandbits(32))

threads = [threading.Thread(target=work, args=(i,)) for i in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

drawn = sorted(x for r in results for x in r)
ref = _random.Random(31337)
expected = sorted(ref.getrandbits(32) for _ in range(THREADS * DRAWS))
print(len(drawn), drawn == expected)
print(shared.getstate() == ref.getstate())
