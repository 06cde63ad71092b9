# match: capture and wildcard patterns, AS patterns, guards; captures are
# ordinary local (or global, or class) variables, and stay bound after a
# failed guard.
def f(x):
    match x:
        case 0:
            return "zero"
        case n if n < 0:
            return f"negative {n}"
        case n:
            return f"other {n}"


for v in [0, -3, 7, 2.5]:
    print(f(v))


def g(x):
    match x:
        case 1 | 2 as small:
            print("small", small)
        case [1, _] as pair:
            print("pair", pair)
        case _:
            print("default", x)


g(1)
g(2)
g([1, 9])
g((1, 2, 3))
g(None)


# A guard that fails leaves the capture bound, and the next case is tried.
def h(x):
    match x:
        case y if y > 10:
            r = "big"
        case z:
            r = "small"
    try:
        seen_z = z
    except UnboundLocalError as e:
        seen_z = str(e)
    return r, y, seen_z


print(h(5))
print(h(50))

# Module-level captures are globals.
match [1, 2]:
    case [first, second]:
        pass
print(first, second, "first" in globals())


# Closures see captures.
def outer(v):
    match v:
        case [a, *rest]:
            return lambda: (a, rest)
    return None


print(outer([1, 2, 3])())
print(outer("abc"))


# Guards run in order and may have side effects.
def noisy(label, result):
    print("guard", label)
    return result


match 5:
    case int(n) if noisy("a", False):
        print("a")
    case n if noisy("b", True):
        print("b", n)
    case _:
        print("c")

# The wildcard alone, the subject evaluated once.
def subject():
    print("subject evaluated")
    return 3


match subject():
    case 1:
        pass
    case 2:
        pass
    case _:
        print("wildcard")


# A `_` case with a guard is still tried last.
match 9:
    case _ if False:
        print("no")
    case _:
        print("yes")
