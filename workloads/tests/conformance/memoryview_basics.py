# memoryview over bytes and bytearray: views, slicing, writes through,
# conversions, comparison, release and errors.
b = b"hello world"
m = memoryview(b)
print(len(m), m[0], m[-1], m.readonly, m.format, m.itemsize, m.ndim, m.shape, m.strides)
print(m.tobytes(), m.tolist()[:3], m.hex(), m.nbytes, m.obj is b)
s = m[6:]
print(type(s).__name__, s.tobytes(), len(s), s[0], bytes(s))
print(m[::2].tobytes(), m[::-1].tobytes(), m[::2][1:3].tobytes(), m[5:5].tobytes())
print(m == b, m == b"x", s == memoryview(b"world"), m != b)
print(list(m[:4]), b"-".join([m[:2], m[3:5]]))
print(hash(m) == hash(b))

ba = bytearray(b"abcdef")
w = memoryview(ba)
print(w.readonly)
w[0] = 65
w[1:3] = b"XY"
print(ba)
w[::2] = b"123"
print(ba, w.tobytes())
for bad in [(0, 256), (0, "a"), (slice(0, 2), b"xyz")]:
    try:
        w[bad[0]] = bad[1]
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    m[0] = 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    del w[0]
except TypeError as e:
    print(type(e).__name__, e)
try:
    m[20]
except IndexError as e:
    print(type(e).__name__, e)
try:
    memoryview("text")
except TypeError as e:
    print(type(e).__name__, e)
ro = w.toreadonly()
print(ro.readonly, ro.tobytes())

with memoryview(b"ctx") as c:
    print(c.tobytes())
try:
    c.tobytes()
except ValueError as e:
    print(type(e).__name__, e)
try:
    len(c) and c[0]
except ValueError as e:
    print(type(e).__name__, e)
print(repr(c).startswith("<released memory at 0x"), repr(m).startswith("<memory at 0x"))
print(bytes(memoryview(bytearray(b"copy"))), bytearray(memoryview(b"xy")))
print(isinstance(m, memoryview), type(m))
