# match: sequence patterns. Lists, tuples, ranges, deques, arrays and
# collections.abc.Sequence instances match; str, bytes, bytearray, dicts,
# sets and iterators do not. Star captures collect a list.
import array
import collections
import collections.abc


def seq(x):
    match x:
        case []:
            return "empty"
        case [a]:
            return f"one {a!r}"
        case [a, b]:
            return f"two {a!r} {b!r}"
        case [first, *middle, last]:
            return f"first {first!r} middle {middle!r} last {last!r}"
        case _:
            return "not a sequence"


for v in [[], (), [1], (1,), [1, 2], (1, 2, 3), range(5), collections.deque([7, 8]),
          array.array("i", [4, 5, 6]), "ab", b"ab", bytearray(b"ab"), {1: 2},
          {1, 2}, (i for i in [1, 2]), 5, None]:
    print(type(v).__name__, seq(v))


def stars(x):
    match x:
        case [*all_items]:
            return ("all", all_items)


print(stars((1, 2)), stars([]), stars("no"))


def nested(x):
    match x:
        case [(a, b), [c, *_], *_]:
            return ("nested", a, b, c)
        case [_, _, *_]:
            return "two or more"
        case [*_, ("end", e)]:
            return ("ends with", e)
        case [*_]:
            return "any sequence"


print(nested([(1, 2), [3, 4, 5], 6]))
print(nested([1, 2]))
print(nested([("end", 9)]))
print(nested([]))
print(nested("str"))
print(nested([(1, 2)]))


# A Sequence subclass: indexing and len go through its methods; with a
# `*_` only the needed items are read by index (nonnegative ones).
class Seq(collections.abc.Sequence):
    def __init__(self, items):
        self.items = items

    def __len__(self):
        print("len")
        return len(self.items)

    def __getitem__(self, i):
        print("getitem", i)
        return self.items[i]


match Seq([10, 20, 30, 40]):
    case [a, *_, z]:
        print("first and last", a, z)

match Seq([1, 2]):
    case [x, y]:
        print("unpacked", x, y)


# A registered class is a sequence too.
class Reg:
    def __init__(self, items):
        self.items = items

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return self.items[i]


collections.abc.Sequence.register(Reg)
match Reg([1, 2, 3]):
    case [1, *rest]:
        print("registered", rest)


# A list subclass and a str subclass.
class MyList(list):
    pass


class MyStr(str):
    pass


match MyList([1, 2]):
    case [a, b]:
        print("list subclass", a, b)

match MyStr("ab"):
    case [a, b]:
        print("wrong")
    case str(s):
        print("str subclass is no sequence", s)

# Tuples of patterns without brackets.
match 1, 2:
    case a, b:
        print("bare tuple", a, b)

match (1, (2, 3)):
    case (1, (2, x)) | (2, (x, _)):
        print("or inside", x)
