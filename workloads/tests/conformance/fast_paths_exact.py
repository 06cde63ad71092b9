# The interpreter's inline fast paths (float arithmetic and comparison,
# list/tuple subscripts, list item stores, tuple unpacking) give exactly
# what the general paths give, and step aside for subclasses, errors and
# values they do not cover.
import math

# Float arithmetic, mixed with machine ints.
vals = [0.0, -0.0, 1.5, -2.25, 1e308, -1e308, float("inf"), float("-inf"), float("nan"), 3, -7, 2**53 + 1, 0]
for a in vals:
    for b in vals:
        row = []
        for name, f in (("+", lambda x, y: x + y), ("-", lambda x, y: x - y),
                        ("*", lambda x, y: x * y), ("/", lambda x, y: x / y)):
            try:
                row.append(repr(f(a, b)))
            except ZeroDivisionError as e:
                row.append("ZeroDivisionError:" + str(e))
            except OverflowError as e:
                row.append("OverflowError:" + str(e))
        print(repr(a), repr(b), " ".join(row))

x = 1.0
x += 2
x -= 0.5
x *= 4
x /= 3
print(x, type(x).__name__)
try:
    x /= 0
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
print(math.copysign(1.0, -0.0 * 1.0), math.copysign(1.0, 0.0 - 0.0), math.copysign(1.0, -0.0 - 0.0))

# Float comparisons, NaN unordered.
nan = float("nan")
for a in (1.0, 2.0, nan, float("inf"), -0.0, 0.0):
    for b in (1.0, nan, 0.0):
        print(a, b, a < b, a <= b, a == b, a != b, a > b, a >= b)
print(nan == nan, nan != nan, 2**53 + 1 == float(2**53), 2**53 + 1 > float(2**53))


# Subscripts.
lst = [10, "a", None, 2.5, (1, 2)]
tup = (1, 2.0, "three")
for i in (0, 1, 4, -1, -5):
    print(lst[i], end=" ")
print()
for i in (0, 2, -1, -3):
    print(tup[i], end=" ")
print()
for seq, i in ((lst, 5), (lst, -6), (tup, 3), (tup, -4), (lst, 2**70)):
    try:
        seq[i]
    except IndexError as e:
        print("IndexError", e)
print(lst[True], tup[False], lst[1:3], tup[::-1])


class MyList(list):
    def __getitem__(self, i):
        return ("MyList", i)

    def __setitem__(self, i, v):
        print("MyList set", i, v)


class MyTuple(tuple):
    def __getitem__(self, i):
        return ("MyTuple", i)


ml = MyList([1, 2, 3])
mt = MyTuple((1, 2))
print(ml[0], mt[1])
ml[0] = 5
print(list(ml))


# Item stores.
lst[0] = 99
lst[-1] = "last"
print(lst)
for i in (5, -6):
    try:
        lst[i] = 0
    except IndexError as e:
        print("IndexError", e)
try:
    tup[0] = 1
except TypeError as e:
    print("TypeError", e)


class Noisy:
    def __init__(self, name, target):
        self.name = name
        self.target = target

    def __del__(self):
        # Runs when the store replaces this item: the list is consistent.
        print("del", self.name, len(self.target), type(self.target[0]).__name__)


holder = [None]
holder[0] = Noisy("first", holder)
holder[0] = Noisy("second", holder)
holder[0] = 0
print(holder)


# Unpacking.
a, b = (1, 2)
print(a, b)
a, b, c = [3, 4, 5]
print(a, b, c)
for p, q in [(1, "x"), (2, "y")]:
    print(p, q)
for bad in ((1, 2, 3), (1,), MyTuple((7, 8)), "ab"):
    try:
        a, b = bad
        print("unpacked", a, b)
    except ValueError as e:
        print("ValueError", e)
try:
    a, b = 5
except TypeError as e:
    print("TypeError", e)
