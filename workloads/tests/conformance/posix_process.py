# posix's process and system calls, constants and struct sequences.
import errno
import posix

print(posix.error is OSError)
print(type(posix.getpid()).__name__, posix.getpid() > 0, posix.getppid() > 0, posix.getpid() != posix.getppid())
print(type(posix.getuid()).__name__, type(posix.getgid()).__name__,
      posix.geteuid() == posix.getuid() or posix.geteuid() >= 0, posix.getegid() >= 0)
print(posix.cpu_count() >= 1)
r = posix.urandom(16)
print(type(r).__name__, len(r), posix.urandom(0))
print(posix.strerror(2), "|", posix.strerror(13), "|", posix.strerror(errno.EPIPE))
u = posix.uname()
print(type(u).__name__, len(u), u.sysname, u[0] == u.sysname, type(u.release).__name__)
t = posix.times()
print(type(t).__name__, len(t), all(type(x) is float for x in t), t.user >= 0)
rfd, wfd = posix.pipe()
print(posix.write(wfd, b"through the pipe"), posix.read(rfd, 7), posix.isatty(rfd))
d = posix.dup(wfd)
posix.write(d, b"+dup")
posix.close(d)
d2 = posix.dup2(wfd, 100)
print(d2)
posix.write(100, b"+dup2")
posix.close(100)
posix.close(wfd)
print(posix.read(rfd, 100), posix.read(rfd, 100))
try:
    posix.get_terminal_size(rfd)
except OSError as e:
    print(type(e).__name__, e.errno)
posix.close(rfd)
print(posix.terminal_size((80, 24)), posix.terminal_size((80, 24)).columns)
print(posix.kill(posix.getpid(), 0))
for bad in [lambda: posix.kill(999999999, 0), lambda: posix.waitpid(-1, posix.WNOHANG),
            lambda: posix.urandom(-1), lambda: posix.read(rfd, 1), lambda: posix.fstat(-1),
            lambda: posix.terminal_size((1,))]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
print(posix.O_RDONLY, posix.O_WRONLY, posix.O_RDWR, posix.O_CREAT, posix.O_EXCL, posix.O_TRUNC, posix.O_APPEND)
print(posix.F_OK, posix.R_OK, posix.W_OK, posix.X_OK, posix.SEEK_DATA, posix.SEEK_HOLE)
env = posix.environ
print(type(env).__name__, all(type(k) is bytes and type(v) is bytes for k, v in env.items()),
      b"PATH" in env)
posix.putenv("GILGAMESH_TEST_VAR", "v1")
posix.unsetenv(b"GILGAMESH_TEST_VAR")
for bad in [lambda: posix.putenv("A=B", "x"), lambda: posix.putenv("", "x"),
            lambda: posix.unsetenv("A\0"), lambda: posix.putenv(1, "x")]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
cwd = posix.getcwd()
print(type(cwd).__name__, type(posix.getcwdb()).__name__, posix.getcwdb() == cwd.encode())
posix.chdir("/")
print(posix.getcwd(), posix.getcwdb())
posix.chdir(cwd)
print(posix.getcwd() == cwd)
s = posix.stat_result(tuple(range(10)))
print(s, s.st_atime, s.st_rdev, s[7])
s = posix.stat_result(tuple(range(19)))
print(s.st_atime, s.st_atime_ns, s.st_rdev, len(s), posix.stat_result.n_fields)
