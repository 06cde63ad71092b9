# The io layers composed by hand: a user RawIOBase under BufferedReader and
# TextIOWrapper, BufferedRWPair over a pipe, IncrementalNewlineDecoder,
# the ABCs, and user subclasses of StringIO and BytesIO.
import io
import posix


class Counting(io.RawIOBase):
    def __init__(self, data):
        self.data = data
        self.pos = 0
        self.calls = 0

    def readable(self):
        return True

    def readinto(self, b):
        self.calls += 1
        n = min(len(b), 5, len(self.data) - self.pos)
        b[:n] = self.data[self.pos:self.pos + n]
        self.pos += n
        return n


raw = Counting(b"alpha\nbeta\ngamma delta\n")
print(raw.read(3), raw.read(), raw.calls, raw.readable(), raw.writable(), raw.closed)
br = io.BufferedReader(Counting(b"alpha\nbeta\ngamma delta\n"), 4)
print(br.readline(), br.read(3), br.peek(1)[:1], br.read(), br.read())
t = io.TextIOWrapper(io.BufferedReader(Counting("x\u00e9\r\ny\rz".encode("utf-8"))),
                     encoding="utf-8")
print(t.readlines(), t.newlines)
print(isinstance(raw, io.IOBase), isinstance(br, io.BufferedIOBase), isinstance(t, io.TextIOBase))
print(issubclass(io.FileIO, io.RawIOBase), issubclass(io.BytesIO, io.BufferedIOBase),
      issubclass(io.StringIO, io.TextIOBase), issubclass(io.StringIO, io.RawIOBase))
with Counting(b"") as c:
    print(c.closed)
print(c.closed)
try:
    c.read()
except ValueError as e:
    print(type(e).__name__, e)

r, w = posix.pipe()
pair = io.BufferedRWPair(io.FileIO(r, "r"), io.FileIO(w, "w"))
print(pair.write(b"through the pipe\nsecond\n"), pair.readable(), pair.writable())
pair.flush()
print(pair.readline(), pair.read(3), pair.closed)
pair.close()
print(pair.closed)

d = io.IncrementalNewlineDecoder(None, translate=True)
print(repr(d.decode("a\r")), repr(d.decode("\nb\r")), repr(d.decode("c", final=True)), d.newlines)
print(d.getstate())
d.reset()
print(d.newlines, repr(d.decode("x\r", final=True)))
d = io.IncrementalNewlineDecoder(None, translate=False)
print(repr(d.decode("a\r\nb\n")), d.newlines)


class Upper(io.StringIO):
    def write(self, s):
        return super().write(s.upper())


u = Upper()
print(u.write("shout\n"), repr(u.getvalue()), type(u).__name__, isinstance(u, io.StringIO))
print("x", file=u)
print(repr(u.getvalue()))


class Tracking(io.BytesIO):
    def __init__(self, data):
        super().__init__(data)
        self.reads = 0

    def read(self, size=-1):
        self.reads += 1
        return super().read(size)


k = Tracking(b"123456")
print(k.read(2), k.read(), k.reads, k.getvalue())
print(io.BytesIO(b"ab").getbuffer().tobytes(), io.StringIO("q").read())


class Holder:
    opener = open


print(io.open is open, open.__name__, Holder.opener is open, Holder().opener is open)
