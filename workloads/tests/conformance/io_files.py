# Text and binary files through open(): modes, reading by lines, seek/tell,
# appending, newline translation on disk, encodings, reprs, closed files.
import posix

base = "/tmp/gilgamesh_io_files_%d" % posix.getpid()


def attempt(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, str(e).replace(base, "BASE"))


posix.mkdir(base)
p = base + "/a.txt"
try:
    with open(p, "w", encoding="utf-8") as f:
        print(f.write("first line\n"), f.write("second \u00e9\u20ac line\n"), f.write("third"))
        print(f.writable(), f.readable(), f.seekable(), f.closed, f.mode, f.encoding)
        print(repr(f).replace(base, "BASE"))
    print(f.closed)
    with open(p, encoding="utf-8") as f:
        print(f.readline(), end="")
        print(f.tell(), repr(f.read(7)))
        print(f.readlines())
    with open(p, encoding="utf-8") as f:
        print([line.rstrip("\n") for line in f])
    with open(p, "rb") as f:
        data = f.read()
        print(data, len(data), f.tell())
        print(f.seek(6), f.read(4), f.seek(-5, 2), f.read(), f.seek(0), f.readline())
        print(f.mode, repr(f).replace(base, "BASE"), repr(f.raw).replace(base, "BASE"))
        print(f.peek(3)[:3], f.read1(2), f.readable(), f.writable())
    with open(p, "a", encoding="utf-8") as f:
        f.write("\nappended")
    with open(p, encoding="utf-8") as f:
        lines = f.read().splitlines()
        print(len(lines), lines[-1])
    with open(p, "r+b") as f:
        f.seek(0)
        f.write(b"FIRST")
        f.seek(0)
        print(f.read(11), f.tell(), repr(f).replace(base, "BASE"))
        print(f.truncate(5), f.tell())
        f.seek(0)
        print(f.read())
    with open(p, "wb", buffering=0) as f:
        print(f.write(b"raw\r\nbytes\rhere\n"), repr(f).replace(base, "BASE"), f.mode)
    for newline in [None, "", "\n", "\r", "\r\n"]:
        with open(p, newline=newline, encoding="ascii") as f:
            print(repr(newline), f.readlines(), f.newlines)
    for newline in [None, "", "\n", "\r", "\r\n"]:
        with open(p, "w", newline=newline, encoding="ascii") as f:
            f.write("x\ny\r\n")
        with open(p, "rb") as f:
            print(repr(newline), f.read())
    with open(p, "w", encoding="latin-1") as f:
        f.write("caf\u00e9")
    with open(p, "rb") as f:
        print(f.read())
    with open(p, encoding="latin-1") as f:
        print(f.read(), f.encoding)
    with open(p, "w+", encoding="utf-8") as f:
        f.write("abc\ndef\n")
        f.seek(0)
        print(repr(f.read()), f.mode, f.buffer.mode, f.tell())
        print(f.seek(0, 2), f.write("g"), f.tell())
    with open(p, "x" if False else "a+b") as f:
        print(f.mode, f.tell(), f.read(), f.seek(0), f.read())
    f = open(p, "rb")
    f.close()
    g = open(p, encoding="utf-8")
    g.close()
    r = open(p, "rb", buffering=0)
    r.close()
    print(repr(r), f.closed, g.closed)
    for fn in [lambda: f.read(), lambda: f.tell(), lambda: g.read(), lambda: g.write("x"),
               lambda: r.read(), lambda: r.tell(), lambda: open(p, "rz"),
               lambda: open(p, "rw"), lambda: open(p, "rbt"), lambda: open(p, "rU"),
               lambda: open(p, ""), lambda: open(p, "r++"), lambda: open(p, "wx"),
               lambda: open(p, "rb", encoding="utf-8"), lambda: open(p, "rb", errors="strict"),
               lambda: open(p, "rb", newline=""), lambda: open(p, "r", buffering=0),
               lambda: open(p, "r", newline="x"), lambda: open(p, "r", encoding="bogus"),
               lambda: open(1.5), lambda: open(p, 1), lambda: open(base + "/missing"),
               lambda: open(base), lambda: open(p, "x"),
               lambda: open(p, "w", encoding="ascii").write("\u00e9"),
               lambda: open(p, "rb").write(b"x"), lambda: open(p, "wb").read(),
               lambda: open(p, "w").read(), lambda: open(p, "r").write("x")]:
        attempt(fn)
finally:
    for name in posix.listdir(base):
        posix.unlink(base + "/" + name)
    posix.rmdir(base)
print(posix.listdir("/tmp").count(base[5:]))
