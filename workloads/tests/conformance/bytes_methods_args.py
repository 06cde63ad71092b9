# bytes methods with their optional arguments (start/end, maxsplit, count), encodings, fromhex, __bytes__.
b = b"hello world, hello bytes"
print(b.find(b"hello", 1), b.find(b"o", 5, 10), b.find(111), b.rfind(b"hello"), b.rfind(b"l", 0, 5))
print(b.index(b"world"), b.rindex(b"l"), b.count(b"l"), b.count(b"l", 5), b.count(b"l", 0, -5), b.count(b""))
print(b.startswith(b"world", 6), b.endswith(b"hello", 0, 18), b.startswith((b"x", b"he")), b.startswith(b"", 100))
print(b.split(), b.split(None, 1), b.split(b"l", 2), b.rsplit(None, 1), b.rsplit(b"l", 2), b.split(maxsplit=2))
print(b"  a  b  c  ".split(None, 1), b"  a  b  c  ".rsplit(None, 1), b"a,b,,c".split(b","), b"".split(), b"".split(b","))
print(b.replace(b"hello", b"bye", 1), b.replace(b"l", b"L"), b"abc".replace(b"", b"-"), b"abc".replace(b"", b"-", 2))
print(b"xxhixx".strip(b"x"), b"xxhixx".lstrip(b"x"), b"xxhixx".rstrip(b"x"), b"  hi  ".lstrip(), b"  hi  ".rstrip())
print(b.partition(b", "), b.rpartition(b"hello"), b.partition(b"zz"), b.rpartition(b"zz"))
print(b"123".isdigit(), b"abc".isalpha(), b"ab1".isalnum(), b" \t".isspace(), b"abc".islower(), b"ABC".isupper(), b"".isdigit(), b"a1".islower())
print(bytes("héllo", "utf-8"), bytes("abc", "ascii"), bytes("é", "latin-1"), bytes(source=b"xy"), bytes(3), bytes([1, 2]))
print("héllo".encode(), "héllo".encode("latin-1"), "héllo".encode("ascii", "replace"), "héllo".encode("ascii", "ignore"), "x".encode(encoding="UTF8"))
print(b"h\xe9llo".decode("latin-1"), b"abc".decode("ascii"), b"h\xe9".decode("utf-8", "replace"), b"h\xe9".decode("ascii", "ignore"), b"ab".decode(encoding="utf_8"))
print(bytes.fromhex("00ff 10"), b"\x00\xff".hex(), b"a".join([b"x", bytearray(b"y")]))
print(b"ab" < b"b", b"x" in b"xyz", 120 in b"xyz", bytearray(b"x") in b"xyz")
class BB:
    def __bytes__(self):
        return b"custom"
print(bytes(BB()))
for e in [lambda: b"abc".index(b"z"), lambda: b"abc".find("a"), lambda: b"abc".find(300), lambda: bytes("abc"), lambda: bytes(b"x", "utf-8"),
          lambda: bytes("é", "ascii"), lambda: b"\xe9".decode("ascii"), lambda: b"\xff".decode(), lambda: "x".encode("nope"), lambda: b"a".split(b""),
          lambda: bytes([256]), lambda: bytes(["a"]), lambda: bytes(-1), lambda: bytes.fromhex("0g"), lambda: bytes.fromhex("abc"),
          lambda: "a" in b"abc", lambda: b"a".startswith("a"), lambda: bytes(1.5), lambda: b"ab".partition(b""), lambda: bytes(None, "utf-8"),
          lambda: bytes(errors="strict")]:
    try:
        print(e())
    except Exception as ex:
        print(type(ex).__name__, ex)
