# contextvars under contention: 8 threads set, get and reset variables in
# their own contexts and run copies of one shared context; none sees
# another thread's values.
import contextvars
import threading

N = 8
a = contextvars.ContextVar("a", default=-1)
b = contextvars.ContextVar("b")
b.set("main")
base = contextvars.copy_context()
start = threading.Barrier(N)
errors = []
finals = {}


def body(i, r):
    # Runs in a private copy of `base`: sees main's b, sets its own a.
    if b.get() != "main":
        errors.append(("b in copy", i, b.get()))
    a.set((i, r))
    return a.get()


def worker(i):
    start.wait()
    total = 0
    for r in range(200):
        tok = a.set(i * 1000 + r)
        if a.get() != i * 1000 + r:
            errors.append(("a", i, a.get()))
        got = base.copy().run(body, i, r)
        if got != (i, r):
            errors.append(("run", i, got))
        a.reset(tok)
        total += 1
    finals[i] = (a.get(), b.get("none"), total)


threads = [threading.Thread(target=worker, args=(i,)) for i in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(errors, sorted(finals.items()))
print(a.get(), b.get(), base.get(a, "unset in base"), len(base))
