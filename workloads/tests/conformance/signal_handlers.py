# The signal module: Python handlers set, run on the main thread at a safe
# point after raise_signal / os.kill of our own process, and restored;
# getsignal, set_wakeup_fd, the ValueError of a non-main thread, enums.
import os
import signal
import threading
import time

print(signal.SIGINT, repr(signal.SIGINT), int(signal.SIGTERM))
print(signal.Signals(10).name, signal.Signals.SIGUSR1.value)
print(signal.SIGALRM == 14, isinstance(signal.SIGHUP, int))
print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)
print(signal.getsignal(signal.SIGUSR1))
print(signal.SIG_DFL, signal.SIG_IGN, repr(signal.SIG_IGN), int(signal.SIG_IGN))
print(signal.NSIG)

got = []


def handler(signum, frame):
    got.append((signum, threading.current_thread() is threading.main_thread()))


old = signal.signal(signal.SIGUSR1, handler)
print("old:", old)
print(signal.getsignal(signal.SIGUSR1) is handler)
signal.raise_signal(signal.SIGUSR1)
print("after raise_signal:", got)
os.kill(os.getpid(), signal.SIGUSR1)
print("after os.kill:", got)
for i in range(3):
    os.kill(os.getpid(), signal.SIGUSR1)
print("count:", len(got))


def raiser(signum, frame):
    raise RuntimeError("from handler %d" % signum)


signal.signal(signal.SIGUSR2, raiser)
try:
    signal.raise_signal(signal.SIGUSR2)
except RuntimeError as e:
    print("caught", e)
try:
    os.kill(os.getpid(), signal.SIGUSR2)
    print("not reached")
except RuntimeError as e:
    print("caught", e)

print(signal.signal(signal.SIGUSR1, signal.SIG_DFL) is handler)
print(signal.getsignal(signal.SIGUSR1))
print(signal.signal(signal.SIGUSR2, signal.SIG_IGN) is raiser)
signal.raise_signal(signal.SIGUSR2)
print("ignored:", signal.getsignal(signal.SIGUSR2))
signal.signal(signal.SIGUSR2, signal.SIG_DFL)

# SIGINT's default handler raises KeyboardInterrupt.
try:
    signal.raise_signal(signal.SIGINT)
except KeyboardInterrupt as e:
    print("KeyboardInterrupt", repr(e))
try:
    signal.default_int_handler(signal.SIGINT, None)
except KeyboardInterrupt:
    print("default_int_handler raised")

# A handler whose exception ends a sleep that the signal interrupted.


class Alarm(Exception):
    pass


def on_alarm(signum, frame):
    raise Alarm(signal.Signals(signum).name)


signal.signal(signal.SIGALRM, on_alarm)
signal.setitimer(signal.ITIMER_REAL, 0.05)
start = time.monotonic()
try:
    time.sleep(5)
    print("slept through")
except Alarm as e:
    print("sleep interrupted by", e, time.monotonic() - start < 4)
print(signal.getitimer(signal.ITIMER_REAL))
signal.signal(signal.SIGALRM, signal.SIG_DFL)
print(signal.alarm(0))

# Bad arguments.
for bad in (0, 65, -1):
    try:
        signal.signal(bad, handler)
    except ValueError as e:
        print("ValueError:", e)
try:
    signal.getsignal(100)
except ValueError as e:
    print("ValueError:", e)
try:
    signal.signal(signal.SIGUSR1, 42)
except TypeError as e:
    print("TypeError:", e)
try:
    signal.signal(signal.SIGUSR1, "handler")
except TypeError as e:
    print("TypeError:", e)
try:
    signal.signal(signal.SIGKILL, handler)
except OSError as e:
    print(type(e).__name__, e)

# Only the main thread sets handlers.
errors = []


def worker():
    try:
        signal.signal(signal.SIGUSR1, handler)
    except ValueError as e:
        errors.append(str(e))
    try:
        signal.set_wakeup_fd(-1)
    except ValueError as e:
        errors.append(str(e))
    print("worker getsignal:", signal.getsignal(signal.SIGUSR1))


t = threading.Thread(target=worker)
t.start()
t.join()
for e in errors:
    print("ValueError:", e)

# The wakeup fd gets the signal number as one byte.
r, w = os.pipe()
os.set_blocking(w, False)
print("first set_wakeup_fd:", signal.set_wakeup_fd(w))
signal.signal(signal.SIGUSR1, handler)
got.clear()
signal.raise_signal(signal.SIGUSR1)
print(os.read(r, 10), got)
os.kill(os.getpid(), signal.SIGUSR2 if False else signal.SIGUSR1)
print(os.read(r, 10), len(got))
print(signal.set_wakeup_fd(-1) == w)
r2, w2 = os.pipe()
try:
    signal.set_wakeup_fd(w2)
except ValueError as e:
    print("ValueError:", str(e).replace(str(w2), "N"))
os.set_blocking(w2, False)
print(signal.set_wakeup_fd(w2, warn_on_full_buffer=False))
print(signal.set_wakeup_fd(-1) == w2)
signal.signal(signal.SIGUSR1, signal.SIG_DFL)
for fd in (r, w, r2, w2):
    os.close(fd)

# Masks, names, valid signals.
print(signal.strsignal(signal.SIGTERM), "/", signal.strsignal(signal.SIGUSR1))
vs = signal.valid_signals()
print(len(vs), signal.SIGKILL in vs, min(vs), max(vs), type(min(vs)).__name__)
print(sorted(signal.Signals.__members__)[:6])
print(signal.Handlers.SIG_IGN, signal.Sigmasks.SIG_BLOCK, signal.Sigmasks(2))
signal.signal(signal.SIGUSR1, handler)
got.clear()
old = signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGUSR1])
print("blocked before:", signal.SIGUSR1 in old)
# Sent to this thread itself, so that it stays pending here while blocked
# (a process-directed kill may be taken by another thread first).
signal.pthread_kill(threading.get_ident(), signal.SIGUSR1)
print("pending:", signal.sigpending(), got)
now = signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGUSR1})
print("unblocked:", signal.SIGUSR1 in now, got)
signal.signal(signal.SIGUSR1, signal.SIG_DFL)
signal.siginterrupt(signal.SIGUSR1, False)
print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)
