# Two-stage pipeline: producer -> Queue(maxsize=2) -> transformer -> Queue -> main.
import queue
import threading

stage1 = queue.Queue(maxsize=2)
stage2 = queue.Queue()
STOP = 'STOP'

def produce():
    for word in ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta']:
        stage1.put(word)
    stage1.put(STOP)

def transform():
    while True:
        w = stage1.get()
        if w == STOP:
            stage2.put(STOP)
            return
        stage2.put((w.upper(), len(w)))

tp = threading.Thread(target=produce)
tt = threading.Thread(target=transform)
tp.start()
tt.start()
out = []
while True:
    item = stage2.get(timeout=5)
    if item == STOP:
        break
    out.append(item)
tp.join()
tt.join()
print(out)
print(stage1.empty(), stage2.empty(), sum(n for _, n in out))
