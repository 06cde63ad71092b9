# bytes and bytearray: padding, case, line and tab, translation and hex
# methods, with CPython's results and errors.


def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


class Idx:
    def __index__(self):
        return 6


for B in (bytes, bytearray):
    print("--", B.__name__)
    t("center", lambda: B(b"ab").center(7, b"*"))
    t("center even", lambda: B(b"abc").center(6))
    t("center odd", lambda: B(b"ab").center(5, b"-"))
    t("center small", lambda: B(b"abc").center(2))
    t("center index", lambda: B(b"ab").center(Idx()))
    t("ljust", lambda: B(b"ab").ljust(5, bytearray(b".")))
    t("rjust", lambda: B(b"ab").rjust(5))
    t("ljust negative", lambda: B(b"ab").ljust(-3))
    t("center str fill", lambda: B(b"ab").center(5, "x"))
    t("center long fill", lambda: B(b"ab").center(5, b"xy"))
    t("center int fill", lambda: B(b"ab").center(5, 1))
    t("center str width", lambda: B(b"ab").center("5"))
    t("center float width", lambda: B(b"ab").center(1.5))
    t("center huge", lambda: B(b"ab").center(2**70))
    t("center no args", lambda: B(b"ab").center())
    t("center 3 args", lambda: B(b"ab").center(1, b"x", 3))
    t("center keyword", lambda: B(b"ab").center(5, fillchar=b"x"))
    t("zfill", lambda: B(b"42").zfill(5))
    t("zfill sign", lambda: B(b"-42").zfill(6))
    t("zfill plus", lambda: B(b"+x").zfill(4))
    t("zfill short", lambda: B(b"12345").zfill(3))
    t("zfill empty", lambda: B(b"").zfill(3))
    t("zfill none", lambda: B(b"1").zfill())
    t("zfill keyword", lambda: B(b"1").zfill(width=3))
    t("title", lambda: B(b"hello wORLD 3rd-place x_y").title())
    t("capitalize", lambda: B(b"hELLO World").capitalize())
    t("swapcase", lambda: B(b"Hello W\xe9rld 1").swapcase())
    t("title args", lambda: B(b"ab").title(1))
    t("capitalize empty", lambda: B(b"").capitalize())
    t("splitlines", lambda: B(b"a\nb\r\nc\rd\n\ne").splitlines())
    t("splitlines keepends", lambda: B(b"a\nb\r\nc\rd\n\ne").splitlines(True))
    t("splitlines kw", lambda: B(b"x\n").splitlines(keepends=1))
    t("splitlines empty", lambda: B(b"").splitlines())
    t("splitlines str", lambda: B(b"ab").splitlines("x"))
    t("splitlines two", lambda: B(b"ab").splitlines(True, keepends=True))
    t("splitlines bad kw", lambda: B(b"ab").splitlines(foo=1))
    t("expandtabs", lambda: B(b"a\tbc\td\n\te").expandtabs())
    t("expandtabs 4", lambda: B(b"a\tbc\td").expandtabs(4))
    t("expandtabs kw", lambda: B(b"ab\tc").expandtabs(tabsize=3))
    t("expandtabs 0", lambda: B(b"a\tb").expandtabs(0))
    t("expandtabs neg", lambda: B(b"a\tb").expandtabs(-1))
    t("expandtabs huge", lambda: B(b"a\tb").expandtabs(2**40))
    t("expandtabs bad kw", lambda: B(b"a\tb").expandtabs(tab=4))
    table = bytes.maketrans(b"abc", b"xyz")
    t("translate", lambda: B(b"aabbcc-d").translate(table))
    t("translate delete", lambda: B(b"aabbcc-d").translate(table, b"b-"))
    t("translate none", lambda: B(b"hello").translate(None, b"l"))
    t("translate kw", lambda: B(b"hello").translate(None, delete=b"h"))
    t("translate short", lambda: B(b"ab").translate(b"x"))
    t("translate str", lambda: B(b"ab").translate("x" * 256))
    t("translate none arg", lambda: B(b"ab").translate())
    t("translate 3", lambda: B(b"ab").translate(None, b"", delete=b""))
    t("translate delete int", lambda: B(b"ab").translate(None, 5))
    t("maketrans", lambda: B.maketrans(b"ab", bytearray(b"cd"))[95:101])
    t("maketrans len", lambda: B.maketrans(b"a", b"bc"))
    t("maketrans str", lambda: B.maketrans("a", b"b"))
    t("maketrans one", lambda: B.maketrans(b"a"))
    t("hex", lambda: B(b"\x01\xab\xff").hex())
    t("hex sep", lambda: B(b"abcde").hex(":"))
    t("hex sep 2", lambda: B(b"abcde").hex(":", 2))
    t("hex sep -2", lambda: B(b"abcde").hex(":", -2))
    t("hex sep 0", lambda: B(b"abcde").hex(":", 0))
    t("hex sep big", lambda: B(b"abc").hex("-", 5))
    t("hex bytes sep", lambda: B(b"abc").hex(b" "))
    t("hex kw", lambda: B(b"abc").hex(sep="_", bytes_per_sep=-1))
    t("hex empty", lambda: B(b"").hex(":"))
    t("hex long sep", lambda: B(b"ab").hex("::"))
    t("hex int sep", lambda: B(b"ab").hex(1))
    t("hex none sep", lambda: B(b"ab").hex(None))
    t("hex list sep", lambda: B(b"ab").hex([":"]))
    t("hex bytearray sep", lambda: B(b"ab").hex(bytearray(b"-")))
    t("hex non-ascii", lambda: B(b"ab").hex("\xe9"))
    t("hex per str", lambda: B(b"ab").hex(":", "x"))
    t("hex per huge", lambda: B(b"ab").hex(":", 2**40))
    t("hex 3 args", lambda: B(b"ab").hex(":", 1, 2))
    t("hex twice", lambda: B(b"ab").hex(":", sep=":"))
    t("hex bad kw", lambda: B(b"ab").hex(bogus=1))


class SB(bytes):
    pass


t("subclass center", lambda: type(SB(b"ab").center(4)).__name__)
t("subclass title", lambda: SB(b"ab cd").title())
t("unbound center", lambda: bytes.center(b"x", 3))
t("unbound wrong", lambda: bytes.center("x", 3))
t("bytearray on bytes", lambda: bytearray.zfill(b"1", 3))
