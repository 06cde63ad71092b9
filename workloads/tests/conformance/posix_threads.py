# posix calls from several threads at once: each thread writes, stats and
# lists its own files in one shared directory, and reads through a pipe
# that another thread writes (a blocking read must not hold the others up).
import posix
import threading

base = "/tmp/gilgamesh_posix_threads_%d" % posix.getpid()
posix.mkdir(base)
results = {}


def worker(n):
    sizes = []
    for i in range(20):
        p = "%s/t%d_%d" % (base, n, i)
        fd = posix.open(p, posix.O_WRONLY | posix.O_CREAT, 0o644)
        posix.write(fd, b"x" * (n + i))
        posix.close(fd)
        sizes.append(posix.stat(p).st_size)
    mine = sorted(e.name for e in posix.scandir(base) if e.name.startswith("t%d_" % n))
    results[n] = (sum(sizes), len(mine))


threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results.items()), len(posix.listdir(base)))

r, w = posix.pipe()
got = []
reader = threading.Thread(target=lambda: got.append(posix.read(r, 100)))
reader.start()
writer = threading.Thread(target=lambda: posix.write(w, b"hello from another thread"))
writer.start()
reader.join()
writer.join()
print(got)
posix.close(r)
posix.close(w)
for name in posix.listdir(base):
    posix.unlink(base + "/" + name)
posix.rmdir(base)
print(posix.access(base, posix.F_OK))
