# open() over file descriptors and openers, closefd, line buffering seen by
# a second reader, truncate, print(file=...), FileIO's own methods.
import io
import posix

base = "/tmp/gilgamesh_io_fd_%d" % posix.getpid()
posix.mkdir(base)
p = base + "/f.bin"
try:
    fd = posix.open(p, posix.O_RDWR | posix.O_CREAT, 0o644)
    f = open(fd, "wb", closefd=False)
    print(f.name == fd, f.raw.closefd, f.write(b"0123456789"))
    f.close()
    print(posix.lseek(fd, 0, 0), posix.read(fd, 4))
    posix.close(fd)
    seen = []

    def opener(path, flags):
        seen.append(path == p)
        return posix.open(path, flags, 0o644)

    with open(p, "rb", opener=opener) as f:
        print(f.read(), seen)
    with open(p, "w", buffering=1, encoding="utf-8") as w, open(p, encoding="utf-8") as r:
        print(w.line_buffering, w.write("partial"), repr(r.read()))
        print(w.write(" line\nnext"), repr(r.read()))
        print("printed", 42, file=w)
        print(repr(r.read()))
    with open(p, "r+", encoding="utf-8") as f:
        print(f.truncate(4), repr(f.read()), f.seek(0, 2))
    raw = io.FileIO(p, "r+")
    buf = bytearray(3)
    print(raw.readinto(buf), buf, raw.tell(), raw.seek(1), raw.read(2), raw.readall())
    print(raw.write(b"Z"), raw.seek(0), raw.read(), raw.seekable(), raw.isatty())
    print(raw.truncate(2), raw.seek(0), raw.read(), raw.fileno() > 2, raw.mode)
    raw.close()
    raw.close()
    print(raw.closed, repr(raw))
    for make in [lambda: io.FileIO(p, "rw"), lambda: io.FileIO(p, "q"), lambda: io.FileIO(-1),
                 lambda: io.FileIO(p, closefd=False), lambda: io.FileIO(1.5),
                 lambda: open(p, "rb", opener=lambda path, flags: -1),
                 lambda: io.BufferedReader(io.FileIO(p, "w")),
                 lambda: io.BufferedReader(io.FileIO(p), 0)]:
        try:
            print(make())
        except Exception as e:
            print(type(e).__name__, str(e).replace(base, "BASE"))
    with open(p, "w", encoding="utf-8") as f:
        f.writelines(["a\n", "b\n"])
    with open(p, encoding="utf-8") as f:
        print(f.readlines(1), next(f), list(f))
finally:
    for name in posix.listdir(base):
        posix.unlink(base + "/" + name)
    posix.rmdir(base)
