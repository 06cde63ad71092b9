# io.StringIO: reading, writing, seeking, newline translation, errors.
import io


def attempt(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


s = io.StringIO("hello\nworld\nlast")
print(s.readline(), end="")
print(repr(s.read(3)), s.tell())
print(s.readlines())
print(repr(s.read()), s.tell())
s.write("!")
print(repr(s.getvalue()))
s.seek(0)
print([line for line in s])
s.seek(0)
s.write("J")
print(repr(s.getvalue()), s.tell())
s.seek(20)
s.write("x")
print(repr(s.getvalue()))
print(s.truncate(5), repr(s.getvalue()), s.tell())
s.seek(0, 2)
print(s.tell(), s.seek(0, 1))
print(s.readable(), s.writable(), s.seekable(), s.isatty(), s.closed)
print(s.write("tail"), repr(s.getvalue()))

for newline in [None, "", "\n", "\r", "\r\n"]:
    t = io.StringIO("a\r\nb\rc\nd", newline=newline)
    print(repr(newline), repr(t.getvalue()), t.newlines, t.readlines())
    t = io.StringIO(newline=newline)
    t.write("x\ny\r\nz\r")
    print(repr(newline), repr(t.getvalue()), t.newlines)

with io.StringIO() as w:
    w.writelines(["a", "b\n", "c"])
    print(repr(w.getvalue()), w.readline(1), repr(w.read(0)))
print(w.closed)
for f in [lambda: w.write("x"), lambda: w.getvalue(), lambda: w.read(), lambda: w.tell(),
          lambda: w.readable(), lambda: io.StringIO().seek(-1), lambda: io.StringIO().seek(1, 1),
          lambda: io.StringIO().seek(0, 3), lambda: io.StringIO(b"x"),
          lambda: io.StringIO("", "x"), lambda: io.StringIO(newline=1),
          lambda: io.StringIO().write(b"x"), lambda: io.StringIO().truncate(-1),
          lambda: io.StringIO().fileno(), lambda: io.StringIO().detach(),
          lambda: io.StringIO("abc").read(None), lambda: io.StringIO("abc").read(1.5),
          lambda: io.StringIO(None).getvalue(), lambda: io.StringIO("a\nb").readlines(1)]:
    attempt(f)
u = io.StringIO("h\u00e9llo w\u00f6rld \u20ac")
print(u.read(4), u.tell(), u.read())
print(isinstance(u, io.TextIOBase), isinstance(u, io.IOBase), isinstance(u, io.BufferedIOBase))
print(io.StringIO.__module__, type(u).__name__, io.UnsupportedOperation.__module__,
      issubclass(io.UnsupportedOperation, OSError), issubclass(io.UnsupportedOperation, ValueError))
