# Path arguments: str, bytes, posix.PathLike, ints (file descriptors) and the
# TypeErrors and ValueErrors for anything else.
import posix


class P:
    def __init__(self, path):
        self.path = path

    def __fspath__(self):
        return self.path


class Bad:
    def __fspath__(self):
        return 42


print(posix.fspath("a"), posix.fspath(b"b"), posix.fspath(P("c")), posix.fspath(P(b"d")))
print(posix.stat(P("/")).st_mode & 0o170000 == 0o040000, posix.listdir(P(b"/"))[:0])
for bad in [lambda: posix.fspath(1), lambda: posix.fspath(None), lambda: posix.fspath(Bad()),
            lambda: posix.stat(3.5), lambda: posix.stat([]), lambda: posix.mkdir(None),
            lambda: posix.listdir(1.5), lambda: posix.stat("a\0b"), lambda: posix.stat(Bad()),
            lambda: posix.rename("x", 3), lambda: posix.strerror("x")]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
try:
    posix.stat(b"/nonexistent/x")
except FileNotFoundError as e:
    print(e, repr(e.filename))
try:
    posix.stat(P("/nonexistent/y"))
except FileNotFoundError as e:
    print(e, type(e.filename).__name__)
