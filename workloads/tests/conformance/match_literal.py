# match: literal patterns compare with ==, None/True/False with `is`;
# negative and complex literals, strings, bytes; the first matching case
# wins and a failed match runs no case.
def describe(x):
    match x:
        case 0:
            return "zero"
        case -1:
            return "minus one"
        case 1.5:
            return "one and a half"
        case 2 + 3j:
            return "complex"
        case -1 - 1j:
            return "negative complex"
        case "hello":
            return "greeting"
        case b"raw":
            return "bytes"
        case None:
            return "none"
        case True:
            return "true"
        case False:
            return "false"
        case "":
            return "empty string"
    return "no match"


for v in [0, 0.0, -1, -1.0, 1.5, 2 + 3j, -1 - 1j, "hello", b"raw", None, True,
          False, 1, "", "x", [], 3]:
    print(repr(v), describe(v))


# 1 == True, but `case True` tests identity; `case 1` does match True.
match True:
    case 1:
        print("True matched case 1")

match 1:
    case True:
        print("wrong")
    case _:
        print("1 is not True")


# Equality goes through __eq__ (the subject is the left operand).
class Eq:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        print("eq called with", other)
        return self.v == other


match Eq(5):
    case 4:
        print("four")
    case 5:
        print("five")


# Nothing matches: no case runs and nothing is bound.
match 42:
    case 1:
        print("one")
    case 2:
        print("two")
print("after")

# A match statement at module level and in a class body.
class C:
    match 3:
        case 3:
            kind = "three"
print(C.kind)
