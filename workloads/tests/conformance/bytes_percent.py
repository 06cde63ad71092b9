# printf-style formatting of bytes (PEP 461), with CPython's errors.


def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


class HasBytes:
    def __bytes__(self):
        return b"<hb>"


class BadBytes:
    def __bytes__(self):
        return "no"


t("d s", lambda: b"%d %s" % (42, b"xy"))
t("b", lambda: b"[%b]" % bytearray(b"ba"))
t("r", lambda: b"%r" % ("caf\xe9",))
t("a", lambda: b"%a|%r" % (b"q", [1, "\xe9"]))
t("x X o", lambda: b"%x %X %o %#x" % (255, 255, 8, 255))
t("c int", lambda: b"%c%c" % (104, 105))
t("c byte", lambda: b"%c" % b"z")
t("c big", lambda: b"%c" % 256)
t("c str", lambda: b"%c" % "z")
t("c long", lambda: b"%c" % b"zz")
t("width", lambda: b"%5s|%-5s|%05d|%.2s" % (b"ab", b"cd", 42, b"xyz"))
t("float", lambda: b"%.3f %e %g" % (3.14159, 1e10, 0.5))
t("percent", lambda: b"100%% %s" % b"done")
t("single", lambda: b"<%s>" % b"one")
t("mapping", lambda: b"%(a)s-%(b)d" % {b"a": b"x", b"b": 7})
t("mapping str key", lambda: b"%(a)s" % {"a": b"x"})
t("str arg", lambda: b"%s" % "text")
t("int for s", lambda: b"%s" % 5)
t("__bytes__", lambda: b"%s" % HasBytes())
t("bad __bytes__", lambda: b"%s" % BadBytes())
t("too few", lambda: b"%s %s" % (b"a",))
t("too many", lambda: b"%s" % (b"a", b"b"))
t("bad char", lambda: b"%y" % 1)
t("d str", lambda: b"%d" % "1")
t("high bytes", lambda: b"\xff%s\x80" % b"\xfe")
t("star", lambda: b"%*d|%.*f" % (5, 1, 2, 3.14159))
t("empty", lambda: b"" % ())
t("bytes arg with no spec", lambda: b"abc" % b"")


# What counts as a mapping on the right (shared with str formatting).
class G:
    def __getitem__(self, key):
        return 5


class SD(dict):
    pass


for f, a in [("abc", b"x"), ("abc", [1]), ("abc", range(2)), ("abc", bytearray(b"x")),
             ("abc", G()), ("abc", {}), ("abc", 5), ("%(k)s", G()), ("%(k", [1]),
             ("%(k", 5), ("%(k)s", SD(k=1)), ("%(k)s", [1]), ("%s", ())]:
    for F in (f, f.encode()):
        t(repr(F) + " % " + type(a).__name__, lambda: F % a)

t("bytearray", lambda: bytearray(b"%s-%d|%c") % (b"x", 5, 33))
t("bytearray arg", lambda: b"%s" % bytearray(b"ba"))
t("bytearray err", lambda: bytearray(b"%s") % "s")
t("bytearray rmod", lambda: 5 % bytearray(b"x"))

# The index of an unsupported character counts characters (bytes of a bytes
# format), not UTF-8 bytes.
for f in ["\xe9%y", b"\xff%y", "\u20ac%-5y", b"\xff\xfe%5y"]:
    t("index " + ascii(f), lambda: f % 1)
