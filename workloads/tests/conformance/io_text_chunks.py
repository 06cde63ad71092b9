# Text files whose newlines and multi-byte characters straddle the
# decoder's read chunks; tell()/seek() round trips; read(n) and
# readline(n) with newline translation.
import io
import posix

base = "/tmp/gilgamesh_io_chunks_%d" % posix.getpid()
posix.mkdir(base)
p = base + "/t.txt"
try:
    for pad in (8190, 8191, 8192, 16383):
        with open(p, "wb") as f:
            f.write(b"a" * pad + b"\r\nx\xe2\x82\xac\ry\n" + b"b" * 10)
        for newline in (None, ""):
            with open(p, encoding="utf-8", newline=newline) as f:
                lines = f.readlines()
                print(pad, repr(newline), len(lines), [len(x) for x in lines],
                      [x[-3:] for x in lines], f.newlines)
        with open(p, encoding="utf-8") as f:
            text = f.read()
            print(len(text), text.count("\n"), "\u20ac" in text, "\r" in text)
    with open(p, "w", encoding="utf-8") as f:
        f.write("\u00e9t\u00e9\nsecond line\nthird\n")
    with open(p, encoding="utf-8") as f:
        first = f.readline()
        pos = f.tell()
        rest = f.read()
        print(repr(first), pos, repr(rest))
        print(f.seek(pos), repr(f.readline()), repr(f.readline(3)), f.tell())
        print(f.seek(0), repr(f.read(2)), repr(f.read(3)), f.tell())
        f.seek(0)
        print(repr(f.readline(2)), repr(f.readline()), f.seek(0, 2), repr(f.read()))
        for fn in (lambda: f.seek(1, 1), lambda: f.seek(1, 2), lambda: f.seek(0, 3),
                   lambda: f.seek(-1)):
            try:
                fn()
            except Exception as e:
                print(type(e).__name__, e)
    with open(p, "wb") as f:
        f.write(b"one\r\ntwo\rthree\nfour")
    with open(p, encoding="ascii") as f:
        print(repr(f.read(4)), repr(f.read(4)), repr(f.read(100)), f.newlines)
    with open(p, "w", encoding="utf-8", newline="\r\n") as f:
        print(f.write("a\nb\n"), f.tell())
    with open(p, "rb") as f:
        print(f.read())
    with open(p, "r+", encoding="utf-8") as f:
        print(repr(f.readline()))
        f.write("Z")
    with open(p, "rb") as f:
        print(f.read())
    b = io.BytesIO("h\u00e9llo\nw\u00f6rld\n".encode("utf-8"))
    t = io.TextIOWrapper(b, encoding="utf-8")
    print(t.readline(), end="")
    print(repr(t.read()), t.encoding, t.errors, t.line_buffering, t.buffer is b)
    t = io.TextIOWrapper(io.BytesIO(), encoding="latin-1", newline="\r")
    t.write("x\ny")
    t.flush()
    print(t.buffer.getvalue(), repr(t))
    d = t.detach()
    print(type(d).__name__, d.getvalue())
    try:
        t.write("x")
    except ValueError as e:
        print(type(e).__name__, e)
finally:
    for name in posix.listdir(base):
        posix.unlink(base + "/" + name)
    posix.rmdir(base)
