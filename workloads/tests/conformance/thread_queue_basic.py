# queue.Queue API: FIFO order, qsize/empty/full, maxsize, Empty/Full, timeouts.
import queue

q = queue.Queue()
for i in range(5):
    q.put(i * 10)
print(q.qsize(), q.empty(), q.full(), q.maxsize)
print([q.get() for _ in range(3)], q.qsize())
print(q.get_nowait(), q.get(block=False), q.empty())
try:
    q.get_nowait()
except queue.Empty:
    print('queue.Empty from get_nowait')
try:
    q.get(timeout=0.01)
except queue.Empty as e:
    print('queue.Empty after timeout', repr(e))
bq = queue.Queue(maxsize=2)
bq.put('a')
bq.put_nowait('b')
print(bq.full(), bq.qsize(), bq.maxsize)
try:
    bq.put_nowait('c')
except queue.Full:
    print('queue.Full from put_nowait')
try:
    bq.put('c', timeout=0.01)
except queue.Full:
    print('queue.Full after timeout')
try:
    bq.put('c', block=False)
except queue.Full:
    print('queue.Full with block=False')
print(bq.get(), bq.get(), bq.empty())
lq = queue.LifoQueue()
for x in 'abc':
    lq.put(x)
print([lq.get() for _ in range(3)])
pq = queue.PriorityQueue()
for item in [(3, 'low'), (1, 'high'), (2, 'mid')]:
    pq.put(item)
print([pq.get() for _ in range(3)])
print(issubclass(queue.Empty, Exception), issubclass(queue.Full, Exception))
