# Cross-interpreter queues of concurrent.interpreters (PEP 734), new in
# CPython 3.14. CPython 3.11, the reference python3 that regen.py runs, has
# no equivalent, so the expected output (interp_queues.stdout/.status) was
# written by hand from CPython 3.14's documented behaviour (the library docs
# and Lib/concurrent/interpreters/_queues.py); see README.md here.
# Items are values 3.14 shares without pickle: None, bool, int, float, str,
# bytes, tuples of these, and queues.
import queue
import threading
from concurrent import interpreters

q = interpreters.create_queue()
print(q.empty(), q.qsize(), q.full())
q.put(1)
q.put('two')
q.put((3, b'4', None, 5.5, False))
print(q.qsize(), q.empty())
print(q.get(), q.get(), q.get())
try:
    q.get_nowait()
except interpreters.QueueEmpty as e:
    print('empty', isinstance(e, queue.Empty))
try:
    q.get(timeout=0)
except interpreters.QueueEmpty:
    print('timed out')

s = 'abc' * 10
q.put(s)
r = q.get()
print(r == s, r is s)

bounded = interpreters.create_queue(2)
bounded.put(1)
bounded.put_nowait(2)
print(bounded.maxsize, bounded.full())
try:
    bounded.put_nowait(3)
except interpreters.QueueFull as e:
    print('full', isinstance(e, queue.Full))
print(bounded.get(), bounded.get())

print([interpreters.is_shareable(v) for v in
       (None, True, 1, 1.5, 'x', b'y', (1, 'a'), q, [1], {}, object())])

# Queues passed through prepare_main.
inbox = interpreters.create_queue()
outbox = interpreters.create_queue()
interp = interpreters.create()
interp.prepare_main(inbox=inbox, outbox=outbox)
for item in (1, 2, 'ab', None):
    inbox.put(item)
interp.exec("""
while True:
    item = inbox.get()
    if item is None:
        break
    outbox.put(item * 2)
outbox.put(type(inbox).__name__)
""")
print([outbox.get() for _ in range(4)])


# Queues passed as call arguments, and a producer in another thread.
def relay(src, dst):
    dst.put(src.get())


def producer(q, n):
    i = 0
    while i < n:
        q.put(i * i)
        i += 1
    q.put(None)


inbox.put(('x', 1))
interp.call(relay, inbox, outbox)
print(outbox.get())

t = interp.call_in_thread(producer, outbox, 5)
got = []
while True:
    item = outbox.get()
    if item is None:
        break
    got.append(item)
t.join()
print(got)

# While this thread runs in the other interpreter (blocked there in get()),
# the main interpreter's other threads keep running: the put below comes
# from one of them.
t = threading.Thread(target=inbox.put, args=('put while main waits',))
t.start()
interp.exec("outbox.put(inbox.get())")
t.join()
print(outbox.get())
interp.close()
