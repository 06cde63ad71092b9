# Module-level functions, modules' code constants and exec'd code are the
# objects every thread touches; under `finegrained` their counts are kept
# per thread (deferred) and the collector frees them once nothing refers to
# them. Redefined functions, dropped exec'd code and their constants must
# be freed, weak references to them must die, and threads calling a
# function while another thread keeps redefining it must see a live one.
import gc
import sys
import threading
import weakref


def f():
    return "first"


r = weakref.ref(f)
print(r() is f, f())


def f():
    return "second"


gc.collect()
print("old function freed:", r() is None, f())

# A weak reference callback runs when the old function goes.
seen = []


def g():
    return 1


wg = weakref.ref(g, lambda w: seen.append("callback"))
g = None
gc.collect()
print("callback:", seen, wg() is None)

# Functions made by exec: each namespace's function is freed with it.
refs = []
for i in range(50):
    ns = {}
    exec(f"def h(x):\n    return x * {i} + len('const-{i}')\n", ns)
    refs.append(weakref.ref(ns["h"]))
    assert ns["h"](2) == 2 * i + len(f"const-{i}")
ns = None
gc.collect()
print("exec'd functions freed:", sum(w() is None for w in refs), "of", len(refs))

# Many redefinitions: the last one is the live one.
for i in range(20000):
    def k(x, i=i):
        return x + i
print(k(1))

# Threads call the function while another thread keeps redefining it.
def work(x):
    return x + 1


results = []
lock = threading.Lock()


def caller(n):
    total = 0
    for i in range(n):
        total += work(i) - i
    with lock:
        results.append(total)


def redefiner(n):
    global work
    for i in range(n):
        def work(x, i=i):
            return x + 1
        if i % 500 == 0:
            gc.collect()


threads = [threading.Thread(target=caller, args=(30000,)) for _ in range(3)]
threads.append(threading.Thread(target=redefiner, args=(5000,)))
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results))
gc.collect()
print(sys.getrefcount(work) >= 2, work(41))
