# Threads sharing a deque, each with its own threading.local state and its
# own contextvars context, meeting at a Barrier between phases; two threads
# racing to enter one Context: exactly one gets in.
import contextvars
import threading
from collections import deque

N = 8
shared = deque()
state = threading.local()
var = contextvars.ContextVar("var", default="unset")
barrier = threading.Barrier(N)
results = {}


def worker(i):
    state.items = []
    var.set(i)
    for k in range(50):
        shared.append((i, k))
        state.items.append(k)
    barrier.wait()
    # Phase 2: every append is in; each thread still sees only its own.
    results[i] = (len(state.items), var.get(), len(shared))
    barrier.wait()
    for _ in range(25):
        shared.popleft()


threads = [threading.Thread(target=worker, args=(i,)) for i in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results.items()), len(shared), var.get(), hasattr(state, "items"))

ctx = contextvars.copy_context()
gate = threading.Barrier(2)
release = threading.Event()
outcomes = []


def enter():
    gate.wait()
    try:
        ctx.run(release.wait, 5)
        outcomes.append("entered")
    except RuntimeError:
        outcomes.append("refused")
        release.set()


racers = [threading.Thread(target=enter) for _ in range(2)]
for t in racers:
    t.start()
for t in racers:
    t.join()
print(sorted(outcomes))
