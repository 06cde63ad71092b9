# Sizes a program chooses that no memory can hold: CPython raises
# MemoryError (or OverflowError / ValueError) instead of crashing. The
# sizes are past any address space (2**50 bytes and more), so no allocator
# can grant them.
import queue

def attempt(label, f):
    try:
        r = f()
        print(label, 'ok', type(r).__name__, len(r))
    except (MemoryError, OverflowError, ValueError, TypeError) as e:
        print(label, type(e).__name__, e)

big = 2**55
attempt('bytes(n)', lambda: bytes(big))
attempt('bytes(2**63)', lambda: bytes(2**63))
attempt('bytes(-1)', lambda: bytes(-1))
attempt('bytes(2**100)', lambda: bytes(2**100))
attempt('list * n', lambda: [0] * big)
attempt('list2 * 2**62', lambda: [0, 1] * 2**62)
attempt('n * list', lambda: big * [None])
attempt('list * 2**63', lambda: [0] * 2**63)
attempt('list * -2**100', lambda: [0] * -2**100)
attempt('list * -5', lambda: [0] * -5)
attempt('tuple * n', lambda: (0,) * big)
attempt('tuple2 * 2**62', lambda: (0, 1) * 2**62)
attempt('str * n', lambda: 'ab' * big)
attempt('str * 2**62', lambda: 'ab' * 2**62)
attempt('str * (2**63-1)', lambda: 'a' * (2**63 - 1))
attempt('str * 2**63', lambda: 'ab' * 2**63)
attempt('bytes * n', lambda: b'ab' * big)
attempt('bytes * 2**62', lambda: b'ab' * 2**62)
attempt('empty * 2**62', lambda: '' * 2**62)
attempt('empty list * big', lambda: [] * (2**63 - 1))
x = [1, 2]
try:
    x *= big
except MemoryError as e:
    print('list *=', type(e).__name__, e, len(x))
s = 'xy'
try:
    s *= 2**62
except OverflowError as e:
    print('str *=', type(e).__name__, e, s)
attempt('list(range(n))', lambda: list(range(big)))
attempt('tuple(range(n))', lambda: tuple(range(big)))
attempt('list(range(2**64))', lambda: list(range(2**64)))
attempt('ljust', lambda: 'x'.ljust(big))
attempt('rjust', lambda: 'x'.rjust(big, '*'))
attempt('center', lambda: 'x'.center(big))
attempt('zfill', lambda: '-1'.zfill(big))
attempt('ljust 2**63', lambda: 'x'.ljust(2**63))
attempt('expandtabs', lambda: 'a\tb'.expandtabs(2**62))
attempt('format width', lambda: format(1, str(big)))
attempt('format width str', lambda: format('x', '>' + str(big)))
attempt('f-string width', lambda: f'{1:{2**63 - 1}}')
attempt('f-string 2**63', lambda: f'{1:{2**63}}')
attempt('str.format width', lambda: '{:{}}'.format('x', 2**62))
attempt('percent width', lambda: '%*d' % (big, 1))
attempt('percent width 2**63', lambda: '%*d' % (2**63, 1))
attempt('percent width text', lambda: '%9223372036854775807d' % 1)
attempt('percent precision', lambda: '%.*d' % (2**31, 1))

# Bounded queues do not reserve their capacity up front.
q = queue.Queue(2**40)
q.put(1)
print(q.maxsize, q.qsize(), q.full(), q.get())
q = queue.Queue(maxsize=10**9)
for i in range(5):
    q.put(i)
print(q.maxsize, q.qsize(), [q.get() for _ in range(5)], q.empty())
q = queue.Queue(2)
q.put('a')
q.put('b')
print(q.full())
try:
    q.put_nowait('c')
except queue.Full:
    print('Full')
try:
    q.put('c', timeout=0.01)
except queue.Full:
    print('Full after timeout')
print(q.get(), q.get(), q.empty())
