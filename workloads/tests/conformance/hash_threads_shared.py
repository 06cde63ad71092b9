# One hash object updated from several threads at once, with buffers past
# the size at which the update runs without the GIL: no update is lost or
# torn (every thread feeds the same chunk, so the order does not matter).
import _sha256
import _md5
import threading

CHUNK = bytes(range(256)) * 16  # 4096 bytes
THREADS, ROUNDS = 4, 25

for new in (_sha256.sha256, _md5.md5):
    shared = new()
    seen = []

    def work():
        for _ in range(ROUNDS):
            shared.update(CHUNK)
            seen.append(len(shared.digest()))
            shared.copy().hexdigest()

    threads = [threading.Thread(target=work) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(shared.name, len(seen), shared.hexdigest() == new(CHUNK * (THREADS * ROUNDS)).hexdigest())
    print(shared.hexdigest())
