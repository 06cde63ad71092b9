# Python code that reached a panic (an internal error) in the runtime: each
# case now raises CPython's exception, printed as its type and message.


def t(label, f):
    try:
        r = f()
        print(label, "ok", r)
    except BaseException as e:
        print(label, type(e).__name__, e)


# `raise C` where C's `__new__` returns something other than an exception.
class NotAnException(Exception):
    def __new__(cls, *args):
        return 5


class ReturnsList(BaseException):
    def __new__(cls, *args):
        return [1]


def raise_class(c):
    raise c


t("raise class, __new__ gives int", lambda: raise_class(NotAnException))
t("raise class, __new__ gives list", lambda: raise_class(ReturnsList))


def raise_in_handler():
    try:
        raise ValueError("inner")
    except ValueError:
        raise NotAnException


t("raise in a handler", raise_in_handler)

# Methods read from a builtin type's __dict__ check their receiver, as the
# ones read as attributes do.
for typ in (set, frozenset):
    isdisjoint = vars(typ)["isdisjoint"]
    t(typ.__name__ + " __dict__ isdisjoint on int", lambda: isdisjoint(1, "x"))
    t(typ.__name__ + " __dict__ isdisjoint on str", lambda: isdisjoint("s", "x"))
    t(typ.__name__ + " __dict__ isdisjoint", lambda: isdisjoint(typ([1, 2]), [2]))
t("list __dict__ append on tuple", lambda: vars(list)["append"]((), 1))
t("dict __dict__ keys on list", lambda: vars(dict)["keys"]([]))
t("str __dict__ upper on bytes", lambda: vars(str)["upper"](b"x"))
t("int __dict__ bit_length on str", lambda: vars(int)["bit_length"]("x"))
t("int __dict__ __new__", lambda: vars(int)["__new__"](int, "12"))


# isdisjoint on a set subclass whose `&` is overridden.
class OddAnd(set):
    def __and__(self, other):
        return NotImplemented

    __rand__ = __and__


t("isdisjoint on a set subclass", lambda: OddAnd([1, 2]).isdisjoint([3]))
t("isdisjoint on a set subclass, shared", lambda: OddAnd([1, 2]).isdisjoint({2}))


# exec/eval of the code of a function with free variables.
def outer():
    x = 1

    def inner():
        return x

    return inner


inner = outer()
t("exec of code with free variables", lambda: exec(inner.__code__))
t("exec of code with free variables, dicts", lambda: exec(inner.__code__, {}, {}))
t("eval of code with free variables", lambda: eval(inner.__code__))

# _json.scanstring from index 0 of an unterminated string.
import json  # noqa: E402
import _json  # noqa: E402

for args in [("s", 0), ("s", 1), ("s", -1), ("s", 5), ('"', 0), ('ab"', 0)]:
    t("scanstring " + repr(args), lambda: _json.scanstring(*args))
