# bytearray mutated from several threads at once: every append, extend and
# += lands (each is one critical section, as under CPython's GIL).
import threading

shared = bytearray()
N = 2000

def appender(byte):
    for _ in range(N):
        shared.append(byte)

def extender(chunk):
    for _ in range(N // 4):
        shared.extend(chunk)

def adder(chunk):
    global shared
    local = shared
    for _ in range(N // 4):
        local += chunk

threads = [threading.Thread(target=appender, args=(i,)) for i in range(4)]
threads += [threading.Thread(target=extender, args=(b"abcd",)) for _ in range(2)]
threads += [threading.Thread(target=adder, args=(b"wxyz",)) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(shared))
print(sorted(shared.count(bytes([i])) for i in range(4)))
print(shared.count(b"a"), shared.count(b"w"))

# Readers beside a writer see whole states: a length that only grows.
grow = bytearray()
done = threading.Event()
seen = []
def writer():
    for i in range(3000):
        grow.append(i % 256)
    done.set()
def reader():
    last = 0
    ok = True
    while not done.is_set():
        n = len(grow)
        if n < last:
            ok = False
        last = n
        bytes(grow)
    seen.append(ok)
ts = [threading.Thread(target=writer), threading.Thread(target=reader)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(len(grow), seen)
