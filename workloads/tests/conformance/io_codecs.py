# codecs over _codecs: lookup, the utf-8/ascii/latin-1 codecs and their
# incremental forms, the standard error handlers, register_error.
import codecs


def attempt(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


for name in ["utf-8", "UTF8", "ascii", "latin-1", "iso-8859-1", "us-ascii"]:
    info = codecs.lookup(name)
    print(name, info.name, type(info).__name__)
print(codecs.encode("h\u00e9", "utf-8"), codecs.decode(b"h\xc3\xa9", "utf-8"))
print(codecs.utf_8_encode("\u20acx"), codecs.utf_8_decode(b"\xe2\x82\xacx"))
print(codecs.utf_8_decode(b"ab\xe2\x82", "strict", False), codecs.latin_1_encode("\xff"))
print(codecs.ascii_decode(b"abc"), codecs.latin_1_decode(b"\xe9"))
dec = codecs.getincrementaldecoder("utf-8")()
print([dec.decode(bytes([b])) for b in "\u20ac\u00e9".encode("utf-8")], repr(dec.decode(b"", True)))
enc = codecs.getincrementalencoder("ascii")("backslashreplace")
print(enc.encode("a\u00e9b"))
for errors in ["strict", "ignore", "replace", "backslashreplace", "xmlcharrefreplace"]:
    attempt(lambda: codecs.encode("a\u00e9\u20acb", "ascii", errors))
    attempt(lambda: codecs.encode("a\u00e9\u20acb", "latin-1", errors))
for errors in ["strict", "ignore", "replace", "backslashreplace"]:
    attempt(lambda: codecs.decode(b"a\xff\xe2\x82b", "utf-8", errors))
    attempt(lambda: codecs.decode(b"a\xe9b", "ascii", errors))
print("a\u00e9".encode("ascii", "replace"), b"a\xff".decode("utf-8", "replace"))


def handler(exc):
    return ("<%d:%d>" % (exc.start, exc.end), exc.end)


codecs.register_error("test.mark", handler)
print(codecs.lookup_error("test.mark") is handler, codecs.lookup_error("strict").__name__)
attempt(lambda: codecs.encode("x\u00e9\u00e9y", "ascii", "test.mark"))
attempt(lambda: codecs.decode(b"x\xff\xfey", "utf-8", "test.mark"))
attempt(lambda: codecs.lookup("no-such-codec"))
attempt(lambda: codecs.lookup_error("no-such-handler"))
attempt(lambda: "x".encode("no-such-codec"))
attempt(lambda: b"\xff".decode("utf-8"))
attempt(lambda: b"\xe2\x82".decode("utf-8"))
attempt(lambda: "\u00e9".encode("ascii"))
r = codecs.getreader("utf-8")
print(r.__name__, codecs.BOM_UTF8, codecs.getencoder("latin-1")("\xe9"))
