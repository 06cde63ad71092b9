# threading.excepthook: a program's hook gets the uncaught exceptions of
# its threads (not SystemExit); the default prints them to stderr.
import threading

seen = []


def hook(args):
    seen.append((args.exc_type.__name__, str(args.exc_value), args.thread.name,
                 type(args.exc_traceback).__name__, args.exc_value.__traceback__ is not None))


print(threading.excepthook is threading.__excepthook__)
threading.excepthook = hook


def fail(kind):
    raise kind("from " + threading.current_thread().name)


for i, kind in enumerate([ValueError, KeyError, SystemExit]):
    t = threading.Thread(target=fail, args=(kind,), name="t%d" % i)
    t.start()
    t.join()
print(seen)
a = threading.ExceptHookArgs((ValueError, ValueError("x"), None, None))
print(a.exc_type.__name__, a.thread, len(a), type(a).__name__)


def bad_hook(args):
    raise RuntimeError("hook failed")


threading.excepthook = bad_hook
t = threading.Thread(target=fail, args=(ValueError,))
t.start()
t.join()
print("after bad hook")
threading.excepthook = threading.__excepthook__
for bad in ["str", None]:
    try:
        threading.excepthook(threading.ExceptHookArgs((ValueError, bad, None, None)))
    except TypeError as e:
        print(type(e).__name__, e)
t = threading.Thread(target=fail, args=(TypeError,), name="last")
t.start()
t.join()
print("done")
