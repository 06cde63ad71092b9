# _string's parsers (what CPython's string.Formatter is built on).
import _string

for s in ["", "abc", "a{{b}}c", "{}", "x{0!r:>{1}}y", "{a[}]}.b", "{0[1].x:>10}",
          "{!s}", "a{0}b{1}c", "{", "}", "{0!}", "{0!rx}", "{0:{", "{a{b}"]:
    try:
        print(repr(s), list(_string.formatter_parser(s)))
    except ValueError as e:
        print(repr(s), type(e).__name__, e)

for s in ["", "a", "0", "a.b[2][x].c", "a.", "a[", "a[1]x", "a[]", "[0]"]:
    try:
        first, rest = _string.formatter_field_name_split(s)
        print(repr(s), repr(first), list(rest))
    except ValueError as e:
        print(repr(s), type(e).__name__, e)

