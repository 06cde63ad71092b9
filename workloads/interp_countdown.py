# interp_countdown: countdown.py's CPU-bound loop, but each thread counts in
# its own interpreter (concurrent.interpreters, PEP 734), so under `gil` and
# `gil-release` each has its own GIL: isolation instead of a shared lock.
# usage: interp_countdown.py [THREADS] [N]  -- THREADS interpreters, each
# counting N down to zero on its own thread (Interpreter.call_in_thread).
# CPython 3.11 has no concurrent.interpreters (3.14 has): it exits with
# status 1 there.
import sys
import threading
import time


def countdown(n):
    while n > 0:
        n -= 1
    return n


def main():
    try:
        from concurrent import interpreters
    except ImportError:
        sys.exit("interp_countdown needs concurrent.interpreters (CPython 3.14 or Gilgamesh)")
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000_000
    # Made (and warmed up: the function is copied in once) before the clock.
    interps = [interpreters.create() for _ in range(threads)]
    for interp in interps:
        interp.call(countdown, 1)
    start = time.perf_counter()
    workers = [interp.call_in_thread(countdown, n) for interp in interps]
    for t in workers:
        t.join()
    elapsed = time.perf_counter() - start
    for interp in interps:
        interp.close()
    print("work", threads * n)
    print("seconds", elapsed)


if __name__ == "__main__":
    main()
