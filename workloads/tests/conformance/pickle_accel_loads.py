# _pickle.Unpickler: round trips through every protocol, the text
# opcodes of protocols 0 and 1, and CPython's errors for bad input.
import io
import pickle


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return f"Point({self.x!r}, {self.y!r})"


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self):
        self.a = 1
        self.b = "two"

    def __getstate__(self):
        return (None, {"a": self.a, "b": self.b})


class MyList(list):
    pass


values = [
    None, True, False, 0, 1, -1, 255, 65536, 2**31, -2**31 - 1, 2**100, -2**100,
    0.5, -1e300, float("inf"), "", "caf\u00e9 \U0001f600", "a\\b\n\x00", b"", b"\x00\xff",
    bytearray(b"xy"), (), (1,), (1, 2, 3, 4), [1, [2, [3]]], {"k": {"j": ()}},
    {1, 2}, frozenset({3}), list(range(1500)), {i: str(i) for i in range(1100)},
    int, len, Point,
]
# Instances of Python classes from protocol 2 (0 and 1 go through
# copyreg._reduce_ex).
instances = [Point(1, [2]), MyList([1, 2])]

for proto in range(6):
    for v in values + (instances if proto >= 2 else []):
        back = pickle.loads(pickle.dumps(v, proto))
        if type(v) is Point:
            ok = type(back) is Point and back.x == v.x and back.y == v.y
        else:
            ok = back == v and type(back) is type(v)
        if not ok:
            print("MISMATCH", proto, repr(v)[:60], repr(back)[:60])
    s = pickle.loads(pickle.dumps(Slotted(), proto if proto >= 2 else 2))
    print(proto, "slotted", s.a, s.b)
    shared = [1]
    a, b = pickle.loads(pickle.dumps([shared, shared], proto))
    print(proto, "shared", a is b)
    r = [1]
    r.append(r)
    back = pickle.loads(pickle.dumps(r, proto))
    print(proto, "recursive", back[1] is back)
    d = {}
    d["d"] = d
    back = pickle.loads(pickle.dumps(d, proto))
    print(proto, "recursive dict", back["d"] is back)
print("round trips done")

# Hand-written pickles (the text protocol and old opcodes).
texts = [
    b"I42\n.", b"I01\n.", b"I-7\n.", b"L123456789012345678901234567890L\n.",
    b"F2.5\n.", b"S'abc'\n.", b'S"q\\n"\n.', b"Vcaf\xe9\\u20ac\n.",
    b"(lp0\nI1\naI2\na.", b"(dp0\nVk\np1\nI1\ns.", b"(I1\nI2\ntp0\n.",
    b"c__builtin__\nlen\np0\n.", b"cbuiltins\nrange\n(I3\ntR.",
    b"(i__main__\nPoint\n(dp0\nVx\nI1\nsVy\nI2\nsb.",
    b"(c__main__\nPoint\no}(Vx\nK\x01Vy\nK\x02ub.",
    b"U\x03abc.", b"T\x03\x00\x00\x00abc.", b"\x80\x02\x8a\x02\xff\x00.",
    b"\x80\x02\x8b\x01\x00\x00\x00\x80.", b"K\x01K\x022.", b"(K\x01K\x021K\x03.",
    b"\x80\x04\x95\x05\x00\x00\x00\x00\x00\x00\x00K\x01\x94h\x00\x86.",
    b"]q\x00(K\x01K\x02e.", b"\x8f(K\x01K\x02\x90.", b"(K\x01\x91.",
    b"\x80\x05\x96\x03\x00\x00\x00\x00\x00\x00\x00abc.",
    b"cbuiltins\nbytes\n)R.", b"N0K\x05.",
]
for t in texts:
    try:
        print(repr(t), "->", repr(pickle.loads(t)))
    except Exception as e:
        print(repr(t), "!!", type(e).__name__, e)

for t in [b"S'abc'\n.", b"U\x03abc."]:
    print(pickle.loads(t, encoding="bytes"), pickle.loads(t, encoding="latin1"))

bad = [
    b"", b"\x80", b"\x80\x04\x95", b"K", b"K\x01", b"\xff", b"\x00", b"h\x05.",
    b"j\x05\x00\x00\x00.", b"g5\n.", b".", b"0.", b"1.", b"a.", b"(a.",
    b"K\x01K\x02a.", b"]K\x01e.", b"X\x05\x00\x00\x00ab", b"X\xff\xff\xff\xff",
    b"B\xff\xff\xff\x7f", b"\x8e\x00\x00\x00\x00\x00\x00\x00\x80",
    b"\x8d\x00\x00\x00\x00\x00\x00\x10\x00", b"\x95\x00\x00\x00\x00\x00\x00\x01\x00",
    b"I12x\n.", b"Iabc", b"F1.5x\n.", b"Sabc\n.", b"cbuiltins\nnosuch\n.",
    b"\x80\x09.", b"N\x86.", b"\x85.", b"}K\x01s.", b"K\x01K\x02u.", b"K\x01b.",
    b"\x93.", b"K\x01K\x02\x93.", b"\x80\x02K\x01\x8a\x05\x00.", b"P1\n.", b"K\x01Q.",
    b"\x94.", b"K\x01\x94h\x00h\x01.", b"\x97.", b"(2.", b"\x81.", b"K\x01)\x81.",
    b")K\x01R.", b"K\x01)R.", b"\x8b\xff\xff\xff\xff.", b"T\x05\x00\x00\x00abc",
    b"\x82\x05.", b"(}K\x01u.", b"K\x01(K\x01K\x02u.", b"X\x02\x00\x00\x00\xff\xfe.",
    b"\x80\x02K\x01K\x02K\x03K\x04K\x05",
]
for t in bad:
    try:
        r = pickle.loads(t)
        print(repr(t), "->", repr(r))
    except Exception as e:
        print(repr(t), "!!", type(e).__module__, type(e).__name__, e)

try:
    pickle.loads("text")
except TypeError as e:
    print("TypeError", e)

# Several pickles in one file, read one load at a time.
f = io.BytesIO()
for proto in range(6):
    pickle.dump(("item", proto, [proto] * 3), f, proto)
f.write(b"trailing")
f.seek(0)
for proto in range(6):
    print(pickle.load(f))
print(f.read())
f = io.BytesIO(pickle.dumps(list(range(30000)), 4) + pickle.dumps("next", 0))
u = pickle.Unpickler(f)
print(len(u.load()), u.load())
try:
    u.load()
except EOFError as e:
    print("EOFError", e)
