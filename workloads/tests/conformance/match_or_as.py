# match: OR patterns (alternatives tried left to right, each binding the
# same names, possibly in a different order) and AS patterns.
def f(x):
    match x:
        case 1 | 2 | 3:
            return "small"
        case [a, b] | (a, b, _) | {"a": a, "b": b}:
            return f"a={a} b={b}"
        case (str() | bytes()) as text:
            return f"text {text!r}"
        case [x, y] | [y, x, None]:
            return "unreachable"
        case {"p": [p, q]} | {"q": [q, p]}:
            return f"p={p} q={q}"
    return "none"


for v in [1, 3, 4, [1, 2], (3, 4, 5), {"a": 6, "b": 7}, "s", b"b",
          {"p": [1, 2]}, {"q": [1, 2]}, [1]]:
    print(repr(v), f(v))


# Captures bound in different orders by the alternatives.
def order(x):
    match x:
        case (a, b, c) | [c, b, a, 0] | {"c": c, "a": a, "b": b}:
            return a, b, c


print(order((1, 2, 3)))
print(order([1, 2, 3, 0]))
print(order({"b": 2, "a": 1, "c": 3}))


# Nested ORs, an OR in a sequence, and AS at several levels.
def nest(x):
    match x:
        case [(1 | 2) as first, (3 | 4) as second] as whole:
            return first, second, whole
        case [[0 | 1 as bit, *_] | {"bit": (0 | 1) as bit}, *tail]:
            return "bit", bit, tail
    return None


for v in [[1, 3], [2, 4], [2, 5], [[1, 9], 8, 7], [{"bit": 0}], [[2]], []]:
    print(v, nest(v))


# The alternatives run against the same subject, left to right, and stop
# at the first match.
class Noisy:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        print("compare", self.v, other)
        return self.v == other


match Noisy(2):
    case 1 | 2 | 3:
        print("matched 2")

# An alternative that fails half-way leaves nothing bound behind.
match [1, 2, 3]:
    case [1, 2] | [1, 2, 3, 4] | [_, _, _]:
        print("third alternative")

# AS on the wildcard binds the whole subject.
match {"k": "v"}:
    case {"k": _ as value} as mapping:
        print(value, mapping)

# OR of class patterns.
match 2.0:
    case int() | float() as number:
        print("number", number)
