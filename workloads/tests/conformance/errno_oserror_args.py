# OSError's constructor: the errno subclass, file names, args and str.
for args in [(2, "x", "f"), (2, "x", None), (2, "x", "a", None, "b"), (2, "x", "a", None),
             (2,), (2, "x", "a", None, "b", 6), ("13", "x"), (), ("just a message",),
             (2, "x", 3), (13, "denied", b"path")]:
    e = OSError(*args)
    print(type(e).__name__, e.args, e.errno, e.strerror, e.filename, e.filename2, "|", str(e))

e = FileNotFoundError(13, "x")
print(type(e).__name__, e)


class MyError(OSError):
    pass


e = MyError(2, "x", "f")
print(type(e).__name__, e.args, e.filename, e)
e = PermissionError(1, "not permitted", "/root/x")
print(repr(e))
e.filename = "other"
print(e, e.filename)
try:
    raise FileExistsError(17, "File exists", "d")
except OSError as err:
    print(type(err).__name__, err, err.errno)
