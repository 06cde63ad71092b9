# io.BytesIO: reading, writing, seeking, truncating, errors.
import io


def attempt(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


b = io.BytesIO(b"line one\nline two\nend")
print(b.readline(), b.read(4), b.tell())
print(b.readlines())
print(b.read(), b.tell(), b.read1(3))
b.seek(0)
print(list(b))
b.seek(2)
print(b.write(b"NE"), b.getvalue())
b.seek(30)
b.write(bytearray(b"!"))
print(b.getvalue(), len(b.getvalue()))
print(b.truncate(8), b.getvalue(), b.tell())
print(b.seek(-2, 2), b.read(), b.seek(-100, 1), b.seek(3, 1))
buf = bytearray(4)
print(b.readinto(buf), buf)
print(b.readable(), b.writable(), b.seekable(), b.isatty(), b.closed)
print(b.write(memoryview(b"mv")), b.getvalue())
b.writelines([b"x", b"y"])
print(b.getvalue(), bytes(b.getbuffer()))
with io.BytesIO(b"abc") as c:
    print(c.read(1), c.read1(), c.read())
print(c.closed)
for f in [lambda: c.write(b"x"), lambda: c.getvalue(), lambda: c.read(), lambda: c.seek(0),
          lambda: io.BytesIO().seek(-1), lambda: io.BytesIO().seek(0, 3),
          lambda: io.BytesIO().write("x"), lambda: io.BytesIO("x"),
          lambda: io.BytesIO().truncate(-1), lambda: io.BytesIO().fileno(),
          lambda: io.BytesIO(b"ab").read(None), lambda: io.BytesIO(b"ab").readline(1)]:
    attempt(f)
print(isinstance(b, io.BufferedIOBase), isinstance(b, io.IOBase), isinstance(b, io.TextIOBase))
print(io.DEFAULT_BUFFER_SIZE, io.SEEK_SET, io.SEEK_CUR, io.SEEK_END)
