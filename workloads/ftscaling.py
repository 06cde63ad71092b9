# ftscaling: small patterns that ought to scale across threads but have not
# always done so in free-threaded CPython, after the idea of CPython's
# Tools/ftscalingbench (our own port: each pattern below is written here from
# its one-line description). Every thread runs the same pattern over its own
# fixed amount of work; what the threads share is named with each pattern.
# usage: ftscaling.py [THREADS] [N] [PATTERN]  -- each thread runs PATTERN
# N times. Without PATTERN it lists the patterns.
import math
import sys
import threading
import time


class Point:
    """A small class that every thread instantiates and calls."""

    def __init__(self, x):
        self.x = x

    def shifted(self, d):
        return self.x + d


def add_one(x):
    return x + 1


def object_cfunction(n):
    # A native method of a private list (pop/append/index).
    tab = [1] * 100
    total = 0
    for i in range(n):
        tab.pop(0)
        tab.append(i)
        total += tab[50]
    return total


def cmodule_function(n):
    # A native function of a shared module (math.floor), by attribute.
    total = 0
    for i in range(n):
        total += math.floor(i * 0.5)
    return total


def module_function(n):
    # A Python function reached through the shared module object.
    me = sys.modules[__name__]
    total = 0
    for i in range(n):
        total += me.add_one(i)
    return total


def mult_constant(n):
    # Float arithmetic on private values and a shared constant.
    x = 1.0
    for _ in range(n):
        x *= 1.000001
    return int(x * 1_000_000)


def generator(n):
    # A private generator object of a shared generator function.
    def numbers(k):
        for i in range(k):
            yield i

    total = 0
    for v in numbers(n):
        total += v
    return total


def pymethod(n):
    # A private instance; its class, and so the method, is shared.
    p = Point(1)
    total = 0
    for i in range(n):
        total += p.shifted(i)
    return total


def pyfunction(n):
    # A shared module-level Python function.
    total = 0
    for i in range(n):
        total += add_one(i)
    return total


def load_string_const(n):
    # Compares against a shared str constant.
    total = 0
    for i in range(n):
        if i == "a string":
            total += 7
        else:
            total += 1
    return total


def load_tuple_const(n):
    # Compares against a shared tuple constant.
    total = 0
    for i in range(n):
        if i == (1, 2):
            total += 7
        else:
            total += 1
    return total


def create_pyobject(n):
    # Allocates instances of a shared class.
    total = 0
    for i in range(n):
        total += Point(i).x
    return total


def create_closure(n):
    # Makes a new function object (a closure over i) every iteration.
    total = 0
    for i in range(n):

        def inner(d):
            return i + d

        total += inner(1)
    return total


def create_dict(n):
    # Allocates small private dicts.
    total = 0
    for i in range(n):
        d = {"key": i, "other": 1}
        total += d["key"]
    return total


def thread_local_read(n):
    # Reads an attribute of a threading.local shared by every thread.
    total = 0
    for _ in range(n):
        total += LOCAL.x
    return total


PATTERNS = {
    f.__name__: f
    for f in [
        object_cfunction,
        cmodule_function,
        module_function,
        mult_constant,
        generator,
        pymethod,
        pyfunction,
        load_string_const,
        load_tuple_const,
        create_pyobject,
        create_closure,
        create_dict,
        thread_local_read,
    ]
}
LOCAL = threading.local()


def worker(pattern, n, results, i):
    LOCAL.x = 1
    results[i] = pattern(n)


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
    if len(sys.argv) < 4:
        print("patterns:", " ".join(PATTERNS))
        return
    pattern = PATTERNS[sys.argv[3]]
    results = [None] * threads
    workers = [
        threading.Thread(target=worker, args=(pattern, n, results, i))
        for i in range(threads)
    ]
    start = time.perf_counter()
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    elapsed = time.perf_counter() - start
    print("result", sys.argv[3], sum(results))
    print("work", threads * n)
    print("seconds", elapsed)


main()
