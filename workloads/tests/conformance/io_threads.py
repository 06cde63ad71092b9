# Four threads writing to one StringIO and one BytesIO at once: no write is
# lost and none is torn (each object keeps its state behind its own lock).
import io
import threading

s = io.StringIO()
b = io.BytesIO()
N = 1000


def worker(k):
    line = "thread %d line\n" % k
    data = line.encode()
    for _ in range(N):
        s.write(line)
        b.write(data)


threads = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
lines = s.getvalue().splitlines()
print(len(lines), s.tell(), len(s.getvalue()))
print(sorted(set(lines)))
print([lines.count("thread %d line" % k) for k in range(4)])
blines = b.getvalue().splitlines()
print(len(blines), b.tell(), sorted(set(blines)))
