# threading.Thread binds positional arguments as CPython's signature does:
# Thread(group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None)
import threading

results = []


def work(a, b, scale=1):
    results.append((threading.current_thread().name, (a + b) * scale))


t = threading.Thread(None, work, "positional", (1, 2), {"scale": 10})
t.start()
t.join()
t = threading.Thread(None, work, args=(3, 4), daemon=True)
t.start()
t.join()
print(t.daemon, t.name.startswith("Thread-"), t.name.endswith("(work)"))
t = threading.Thread(group=None, target=work, name="keywords", args=[5, 6])
t.start()
t.join()
print(results)

attempts = [
    lambda: threading.Thread(None, work, "n", (), {}, "extra"),
    lambda: threading.Thread(None, work, target=work),
    lambda: threading.Thread(None, work, "a", name="b"),
    lambda: threading.Thread(target=work, colour="red"),
    lambda: threading.Thread("group"),
]
for attempt in attempts:
    try:
        attempt()
    except (TypeError, AssertionError) as e:
        print(type(e).__name__ + ":", e)
