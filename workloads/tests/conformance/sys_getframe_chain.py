import sys
import collections
import logging
import warnings
import inspect


def where(depth=0):
    f = sys._getframe(depth + 1)
    return f.f_code.co_name, f.f_lineno, f.f_globals["__name__"]


def outer():
    return inner()


def inner():
    names = []
    f = sys._getframe()
    while f is not None:
        names.append(f.f_code.co_name)
        f = f.f_back
    return names


print(where())
print(outer())
print(sys._getframe().f_back)
print(sys._getframe(0).f_code.co_name)
try:
    sys._getframe(100)
except ValueError as e:
    print("ValueError:", e)
try:
    sys._getframe("x")
except TypeError as e:
    print("TypeError:", e)

Point = collections.namedtuple("Point", "x y")
print(Point.__module__, Point(1, 2))


class C:
    def method(self):
        return inspect.currentframe().f_code.co_name, inspect.stack()[0].function


print(C().method())


def gen():
    yield sys._getframe().f_code.co_name
    yield sys._getframe(1).f_code.co_name


def consume():
    return list(gen())


print(consume())

logging.basicConfig(stream=sys.stdout, format="%(funcName)s:%(lineno)d:%(message)s")


def log_it():
    logging.warning("from a function")


log_it()
logging.warning("from the module")


def warn_it():
    warnings.warn("careful", UserWarning, stacklevel=2)


with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    warn_it()
for w in caught:
    print(w.category.__name__, w.message, w.lineno, w.filename.endswith("sys_getframe_chain.py"))
