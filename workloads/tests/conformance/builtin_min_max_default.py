# min() and max() with default=: returned for an empty iterable, refused
# with several positional arguments; key= and default= together.
def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


check(lambda: min([], default=5))
check(lambda: max([], default='empty'))
check(lambda: max((), default=None))
check(lambda: min(iter([]), default=[]))
check(lambda: min([3, 1, 2], default=0))
check(lambda: max([3, 1, 2], default=0, key=lambda x: -x))
check(lambda: min([], default=0, key=lambda x: -x))
check(lambda: min([]))
check(lambda: max([]))
check(lambda: max(1, 2, default=5))
check(lambda: min(1, 2, default=5))
check(lambda: min(1, 2, default=None))
check(lambda: min(1, 2, key=None))
check(lambda: min())
check(lambda: max(default=1))
check(lambda: min(1, foo=2))
check(lambda: max([1], defaults=2))
check(lambda: min(5))
