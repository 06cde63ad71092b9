# Subclasses of int and float: constructors (also through __new__), the
# arithmetic, comparisons, hashing and formatting of the value unless the
# class overrides them, dict and set keys equal to the plain number, and a
# dict key with __index__ stays a key (only sequences take __index__).
class Flag(int):
    def describe(self):
        return "flag %d" % self


class Metres(float):
    unit = "m"

    def __repr__(self):
        return "%sm" % float.__repr__(self)


f = Flag(5)
g = Flag("12")
h = Flag("ff", 16)
print(f, g, h, repr(f), str(f), type(f).__name__, isinstance(f, int), f.describe())
print(f + 1, 1 + f, f * g, f - 10, f // 2, f % 3, f ** 2, -f, +f, ~f, abs(Flag(-3)), f / 2, f << 2, f & 4)
print(type(f + 1).__name__, type(-f).__name__, type(+f).__name__, type(abs(f)).__name__)
print(f == 5, 5 == f, f < 6, f > g, f != 5, hash(f) == hash(5), {5: "five"}[f], {f: "x"}[5])
print(bool(Flag(0)), bool(f), int(f), type(int(f)).__name__, float(f), [1, 2, 3, 4, 5, 6][f], list(range(f)))
print(f.real, type(f.real).__name__, "%d %x %s" % (f, f, f), f"{f:>5}", f"{f:b}", format(f, ""))
print(divmod(f, 2), pow(f, 2, 3), round(f), max(f, 3), sorted([g, f, 7]), sum([f, g]))
print(Flag(2 ** 70), Flag(2 ** 70) + 1, Flag(2 ** 70) == 2 ** 70, hash(Flag(2 ** 70)) == hash(2 ** 70), bool(Flag(2 ** 70)))
m = Metres(2.5)
print(m, repr(m), m.unit, m + 1, type(m + 1).__name__, m * 2, m > 2, m == 2.5, hash(m) == hash(2.5), int(m), float(m), type(float(m)).__name__)
print(round(m), f"{m:.2f}", m.real, -m, abs(Metres(-1.0)), bool(Metres(0.0)))


class Big(int):
    def __new__(cls, v):
        return super().__new__(cls, v * 10)

    def __add__(self, other):
        return "custom add"

    def __eq__(self, other):
        return "eq called"

    __hash__ = int.__hash__


b = Big(4)
print(b, b + 1, 1 + b, b == 3, b * 2, hash(b) == hash(40))


class Flt(float):
    def __new__(cls, v=0.0):
        return super().__new__(cls, v)


print(Flt(), Flt("1.5") + 1, Flt(3) * 2)
for bad in [lambda: Flag("x"), lambda: Flag([]), lambda: Metres("nope"), lambda: Flag(1, 2, 3)]:
    try:
        print(bad())
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
s = {Flag(5), 7}
print(5 in s, Flag(7) in s, sorted(s), {1.5, Metres(1.5)}, len({Flag(1), 1, 1.0}))
d = {}
d[Flag(3)] = "a"
d[3] = "b"
print(d, type(list(d)[0]).__name__, [1, 2, 3][Flag(1)], "abc"[Flag(2)], range(10)[Flag(3)], (1, 2)[Flag(0):Flag(1)])


class K:
    def __index__(self):
        return 1


e = {K: 1}
k = K()
e[k] = "by object"
print([10, 20][k], e[k], len(e))
