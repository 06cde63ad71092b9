# CPython's string module: Formatter (on _string), capwords, constants.
import string

f = string.Formatter()
print(f.format("{0}-{1}-{0}", "a", "b"))
print(f.format("{name:>8}|{n:05.2f}|{x!r}", name="bob", n=3.14159, x="q"))
print(f.format("{0[1]} {p.real} {0[0]:{w}}", [7, 8], p=3 + 4j, w=4))
print(f.format("{} {} {}", 1, 2, 3))
print(f.vformat("{a}{b}", (), {"a": 1, "b": 2}))
for bad in ["{0} {}", "{} {0}", "{x}", "{9}"]:
    try:
        print(f.format(bad, 1))
    except (ValueError, KeyError, IndexError) as e:
        print(bad, type(e).__name__, e)


class Upper(string.Formatter):
    def format_field(self, value, spec):
        return super().format_field(value, spec).upper()

    def get_value(self, key, args, kwargs):
        if isinstance(key, str) and key not in kwargs:
            return "<" + key + ">"
        return super().get_value(key, args, kwargs)


print(Upper().format("{0} and {missing} and {k:>5}", "abc", k="z"))
print(string.capwords("  hello   big world "), string.capwords("a-b-c", "-"))
print(string.ascii_letters, string.digits, string.hexdigits, string.octdigits)
print(repr(string.whitespace), len(string.printable), string.punctuation)
