# match: the TypeErrors class patterns raise at run time, and the
# SyntaxErrors CPython's compiler reports for patterns.
class Point:
    __match_args__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


class NoArgs:
    pass


class ListArgs:
    __match_args__ = ["x"]


class IntArgs:
    __match_args__ = (1,)


class Twice:
    __match_args__ = ("x", "x")
    x = 1


class K:
    not_a_class = 3


def attempt(label, f):
    try:
        f()
        print(label, "no error")
    except TypeError as e:
        print(label, type(e).__name__, e)


def too_many():
    match Point(1, 2):
        case Point(a, b, c):
            pass


def none_allowed():
    match NoArgs():
        case NoArgs(a):
            pass


def one_allowed():
    match 5:
        case int(a, b):
            pass


def not_a_class():
    match 5:
        case K.not_a_class():
            pass


def list_match_args():
    match ListArgs():
        case ListArgs(a):
            pass


def int_match_args():
    match IntArgs():
        case IntArgs(a):
            pass


def repeated_positional():
    match Twice():
        case Twice(a, b):
            pass


def positional_and_keyword():
    match Point(1, 2):
        case Point(a, x=b):
            pass


def builtin_twice():
    match 5:
        case int(a, real=b):
            pass


def not_instance_no_error():
    # The isinstance check comes first: no error for a non-instance.
    match "s":
        case Point(a, b, c):
            pass


def keywords_only_no_match_args():
    match NoArgs():
        case NoArgs():
            print("  no sub-patterns need no __match_args__")


for label, f in [("too many", too_many), ("none allowed", none_allowed),
                 ("one allowed", one_allowed), ("not a class", not_a_class),
                 ("list __match_args__", list_match_args),
                 ("int in __match_args__", int_match_args),
                 ("repeated", repeated_positional),
                 ("positional and keyword", positional_and_keyword),
                 ("builtin twice", builtin_twice),
                 ("not an instance", not_instance_no_error),
                 ("no __match_args__", keywords_only_no_match_args)]:
    attempt(label, f)

# Compile-time errors.
sources = [
    ("case x:\n        pass\n    case 1:\n        pass",
     "name capture 'x' makes remaining patterns unreachable"),
    ("case _:\n        pass\n    case 1:\n        pass",
     "wildcard makes remaining patterns unreachable"),
    ("case a | 1:\n        pass",
     "name capture 'a' makes remaining patterns unreachable"),
    ("case _ | 1:\n        pass",
     "wildcard makes remaining patterns unreachable"),
    ("case (x as y) | 2:\n        pass\n    case 3:\n        pass",
     "name capture 'x' makes remaining patterns unreachable"),
    ("case (a | b) as c:\n        pass",
     "name capture 'a' makes remaining patterns unreachable"),
    ("case [x, (1 | x)]:\n        pass", "alternative patterns bind different names"),
    ("case [x, x]:\n        pass", "multiple assignments to name 'x' in pattern"),
    ("case {'a': x, **x}:\n        pass", "multiple assignments to name 'x' in pattern"),
    ("case [x] as x:\n        pass", "multiple assignments to name 'x' in pattern"),
    ("case [x, (1 as x)]:\n        pass", "multiple assignments to name 'x' in pattern"),
    ("case Point(x, y=x):\n        pass", "multiple assignments to name 'x' in pattern"),
    ("case [x, ([x] | (x, 1))]:\n        pass",
     "multiple assignments to name 'x' in pattern"),
    ("case [a] | (b,):\n        pass", "alternative patterns bind different names"),
    ("case [a] | [a, b]:\n        pass", "alternative patterns bind different names"),
    ("case [*a, *b]:\n        pass", "multiple starred names in sequence pattern"),
    ("case Point(x=1, x=2):\n        pass",
     "attribute name repeated in class pattern: x"),
    ("case {1: a, 1: b}:\n        pass", "mapping pattern checks duplicate key (1)"),
    ("case {1: a, True: b}:\n        pass", "mapping pattern checks duplicate key (True)"),
    ("case {'k': a, 'k': b}:\n        pass", "mapping pattern checks duplicate key ('k')"),
    ("case {-0: a, 0.0: b}:\n        pass", "mapping pattern checks duplicate key (0.0)"),
    ("case {1j: a, 0+1j: b}:\n        pass", "mapping pattern checks duplicate key (1j)"),
    ("case {-1-2j: a, -1.0-2j: b}:\n        pass",
     "mapping pattern checks duplicate key ((-1-2j))"),
    ("case __debug__:\n        pass", "cannot assign to __debug__"),
    ("case {**__debug__}:\n        pass", "cannot assign to __debug__"),
]
for body, message in sources:
    source = "match v:\n    " + body + "\n"
    try:
        exec(source, {"v": 1, "Point": Point})
        print("compiled:", message)
    except SyntaxError as e:
        print(type(e).__name__, message in str(e), message)

# Guarded irrefutable cases and a last irrefutable case are fine.
exec("match 1:\n    case x if x > 5:\n        pass\n    case y:\n        print('ok', y)\n", {})
