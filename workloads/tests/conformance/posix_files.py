# posix's file calls through os: open/read/write/lseek, stat, utime,
# chmod, rename, symlink, listdir, scandir, and the errors they raise.
import posix

base = "/tmp/gilgamesh_posix_files_%d" % posix.getpid()


def show(e):
    text = str(e).replace(base, "BASE")
    print(type(e).__name__, e.errno, e.filename is not None, text)


posix.umask(0o022)
posix.mkdir(base)
try:
    try:
        posix.mkdir(base)
    except OSError as e:
        show(e)
    p = base + "/a.txt"
    fd = posix.open(p, posix.O_WRONLY | posix.O_CREAT | posix.O_TRUNC, 0o644)
    print(posix.write(fd, b"hello world\n"), posix.isatty(fd))
    posix.close(fd)
    st = posix.stat(p)
    print(type(st).__name__, len(st), st.st_size, st[6], oct(st.st_mode & 0o777),
          st.st_mode & 0o170000 == 0o100000, st.st_nlink)
    print(type(st.st_mtime).__name__, type(st.st_mtime_ns).__name__, type(st[8]).__name__,
          st.st_mtime_ns // 10**9 == st[8], st.st_blksize > 0, st.st_blocks >= 0)
    fd = posix.open(p, posix.O_RDONLY)
    print(posix.read(fd, 5), posix.lseek(fd, 0, 1), posix.lseek(fd, -3, 2),
          posix.read(fd, 100), posix.read(fd, 10))
    print(posix.fstat(fd).st_ino == st.st_ino, posix.stat(fd).st_size)
    posix.close(fd)
    try:
        posix.close(fd)
    except OSError as e:
        print(type(e).__name__, e.errno, e)
    posix.utime(p, (1000000000, 1234567890.5))
    st = posix.stat(p)
    print(st.st_atime, st.st_mtime, st.st_mtime_ns, st[8])
    posix.utime(p, ns=(5 * 10**9, 6 * 10**9 + 5))
    print(posix.stat(p).st_mtime_ns, posix.stat(p).st_atime)
    posix.chmod(p, 0o600)
    print(oct(posix.stat(p).st_mode & 0o777), posix.access(p, posix.R_OK), posix.access(p, posix.X_OK),
          posix.access(base + "/nope", posix.F_OK))
    posix.rename(p, base + "/b.txt")
    print(sorted(posix.listdir(base)), sorted(posix.listdir(base.encode())))
    try:
        posix.rename(base + "/nope", base + "/c")
    except OSError as e:
        show(e)
        print(e.filename2.replace(base, "BASE"))
    posix.symlink("b.txt", base + "/link")
    print(posix.readlink(base + "/link"), posix.readlink((base + "/link").encode()))
    print(posix.lstat(base + "/link").st_mode & 0o170000 == 0o120000,
          posix.stat(base + "/link").st_size, posix.stat(base + "/link", follow_symlinks=False).st_size)
    posix.mkdir(base + "/sub", 0o755)
    for bad in [lambda: posix.stat(base + "/missing"), lambda: posix.listdir(base + "/b.txt"),
                lambda: posix.rmdir(base), lambda: posix.unlink(base + "/sub"),
                lambda: posix.open(base + "/missing", posix.O_RDONLY),
                lambda: posix.chdir(base + "/missing"), lambda: posix.readlink(base + "/b.txt")]:
        try:
            bad()
        except OSError as e:
            show(e)
    with posix.scandir(base) as it:
        print(type(it).__name__)
        entries = sorted(it, key=lambda e: e.name)
    for e in entries:
        print(repr(e), e.path.replace(base, "BASE"), e.is_dir(), e.is_file(), e.is_symlink(),
              e.is_file(follow_symlinks=False), e.inode() == posix.lstat(e.path).st_ino,
              e.stat().st_size == posix.stat(e.path).st_size, posix.fspath(e) == e.path)
    print([e.name for e in sorted(posix.scandir(base.encode()), key=lambda e: e.name)])
    posix.unlink(base + "/link")
    posix.remove(base + "/b.txt")
    posix.rmdir(base + "/sub")
    print(posix.listdir(base))
finally:
    for name in ["a.txt", "b.txt", "link"]:
        try:
            posix.unlink(base + "/" + name)
        except OSError:
            pass
    for d in [base + "/sub", base]:
        try:
            posix.rmdir(d)
        except OSError:
            pass
print(posix.access(base, posix.F_OK))
