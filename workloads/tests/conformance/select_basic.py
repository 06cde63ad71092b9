# select.select and select.poll on pipes: readiness, timeouts, errors, and a
# thread that writes while the main thread waits (the wait releases the GIL).
import os
import select
import threading
import time

r, w = os.pipe()
NAMES = {r: "r", w: "w"}


def show(result):
    # Descriptor numbers differ between runtimes; their roles do not.
    return [[NAMES.get(x, x) if isinstance(x, int) else x for x in part] for part in result]


def show_poll(events):
    return sorted((NAMES[fd], ev) for fd, ev in events)


print(show(select.select([r], [w], [], 0)))
os.write(w, b"x")
print(show(select.select([r], [w], [r], 0.0)))
print(show(select.select([r, r], [], [], None)))
os.read(r, 1)
print(show(select.select([r], [], [], 0.01)))


class F:
    def __init__(self, fd):
        self.fd = fd

    def fileno(self):
        return self.fd


fr, fw = F(r), F(w)
rl, wl, xl = select.select((fr,), iter([fw]), [])
print(rl, wl == [fw], xl)

for args in [([], [], [], -1), ([], [], [], "1"), ([1.5], [], []), ([object()], [], []),
             ([-1], [], []), (1, [], []), ([F("x")], [], []), ([], [], [], float("nan"))]:
    try:
        select.select(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

# A wait in one thread, a write from another.
def writer():
    time.sleep(0.05)
    os.write(w, b"late")


t = threading.Thread(target=writer)
t.start()
start = time.time()
print(show(select.select([r], [], [], 5)))
t.join()
print(os.read(r, 10), time.time() - start < 4)

p = select.poll()
print(type(p).__name__)
p.register(r, select.POLLIN)
p.register(fw)
print(show_poll(p.poll(0)), show_poll(p.poll(1)))
os.write(w, b"y")
print(show_poll(p.poll()))
p.modify(w, select.POLLIN)
print(show_poll(p.poll(None)))
p.unregister(fw)
print(show_poll(p.poll(-1)))
try:
    p.unregister(w)
except KeyError as e:
    print(type(e).__name__, NAMES[e.args[0]])
try:
    p.modify(w, select.POLLOUT)
except OSError as e:
    print(type(e).__name__, e)
for bad in [lambda: p.poll("x"), lambda: p.register(r, -1), lambda: p.register(r, 1 << 16)]:
    try:
        bad()
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)
os.close(r)
os.close(w)
try:
    select.select([r], [], [], 0)
except OSError as e:
    print(type(e).__name__, e.errno)
print(select.error is OSError, select.POLLIN, select.POLLOUT, select.POLLHUP, select.POLLNVAL)
