# native_hash: a native call on a large buffer; every thread hashes the same
# 1 MiB bytes object over and over. Under gilgamesh the hash is
# `native.hash_bytes` (FNV-1a in Rust), which releases the GIL only in
# gil-release mode; under CPython it is hashlib.sha256, which releases the GIL
# as C extensions do (CPython sha256 of 1 GB: 3.30 s on 1 thread, 1.68 s on 2).
# usage: native_hash.py [THREADS] [MIB]  -- each thread hashes MIB MiB.
import sys
import threading
import time

try:
    import native

    def hash_buffer(data):
        return native.hash_bytes(data)

except ImportError:
    import hashlib

    def hash_buffer(data):
        return hashlib.sha256(data).digest()


def make_buffer():
    data = bytes(range(256))
    while len(data) < 1 << 20:
        data = data + data
    return data


def worker(data, mib, results, i):
    first = hash_buffer(data)
    same = 1
    for _ in range(mib - 1):
        if hash_buffer(data) == first:
            same += 1
    results[i] = (first, same)


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    mib = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    data = make_buffer()
    results = [None] * threads
    workers = []
    for i in range(threads):
        workers.append(threading.Thread(target=worker, args=(data, mib, results, i)))
    start = time.perf_counter()
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    elapsed = time.perf_counter() - start
    print("result buffer_bytes", len(data))
    print("result identical_hashes", sum(r[1] for r in results))
    print("result threads_agree", all(r[0] == results[0][0] for r in results))
    print("work", threads * mib)
    print("seconds", elapsed)
    print("merit throughput %.1f MiB/s higher" % (threads * mib / elapsed))


main()
