# match: which subjects sequence and mapping patterns destructure when a
# class derives from both kinds (the first class of the MRO that is one
# decides), and classes registered with collections.abc after they were
# made.
import collections
import collections.abc


def seq_first(x):
    match x:
        case [*_]:
            return "seq"
        case {}:
            return "map"
    return "neither"


def map_first(x):
    match x:
        case {}:
            return "map"
        case [*_]:
            return "seq"
    return "neither"


class C:
    pass


class M1(collections.UserDict, collections.abc.Sequence):
    pass


class M2(C, collections.UserDict, collections.abc.Sequence):
    pass


class M3(collections.UserDict, C, list):
    pass


class S1(collections.UserList, collections.abc.Mapping):
    pass


class S2(C, collections.UserList, collections.abc.Mapping):
    pass


class S4(collections.UserList, dict, C):
    pass


class MyStr(str):
    pass


for cls in [M1, M2, M3, S1, S2, S4, MyStr, C]:
    v = cls()
    print(cls.__name__, seq_first(v), map_first(v))


# Registered after the class was made (and its subclasses with it).
class LateSeq:
    pass


class LateSeqChild(LateSeq):
    pass


class LateMap:
    pass


print(seq_first(LateSeq()), seq_first(LateMap()))
collections.abc.Sequence.register(LateSeq)
collections.abc.Mapping.register(LateMap)
print(seq_first(LateSeq()), seq_first(LateSeqChild()), map_first(LateMap()))

# str, bytes and bytearray are registered sequences that never match.
print(seq_first("ab"), seq_first(b"ab"), seq_first(bytearray(b"ab")))
