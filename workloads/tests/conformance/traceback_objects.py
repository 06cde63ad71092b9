# Traceback and frame objects: exc.__traceback__, tb_next chains,
# sys.exc_info(), with_traceback, and the checked exception attributes.
import sys


def inner():
    raise ValueError("boom")


def outer():
    inner()


try:
    outer()
except ValueError as e:
    tb = e.__traceback__
    print(type(tb).__name__, type(tb.tb_frame).__name__)
    while tb is not None:
        f = tb.tb_frame
        print(tb.tb_lineno, f.f_code.co_name, f.f_globals is globals(), tb.tb_lasti >= 0)
        tb = tb.tb_next
    t, v, tb2 = sys.exc_info()
    print(t is ValueError, v is e, type(tb2).__name__, tb2.tb_lineno)
    print(e.with_traceback(None) is e, e.__traceback__)
    for bad in [("__traceback__", 5), ("__cause__", 5), ("__context__", "x")]:
        try:
            setattr(e, *bad)
        except TypeError as x:
            print(bad[0], type(x).__name__, x)
    e.__cause__ = KeyError(1)
    print(repr(e.__cause__), e.__suppress_context__)
    e.__context__ = None
    print(e.__context__)
    e.__suppress_context__ = False
    print(e.__suppress_context__)

print(ValueError().__traceback__)


# A traceback survives re-raising through with_traceback.
def keep():
    try:
        inner()
    except ValueError as e:
        return e.__traceback__


saved = keep()
try:
    raise RuntimeError("again").with_traceback(saved)
except RuntimeError as e:
    lines = []
    tb = e.__traceback__
    while tb:
        lines.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
        tb = tb.tb_next
    print(lines)


class Ctx:
    def __enter__(self):
        return self

    def __exit__(self, t, v, tb):
        print("exit", t.__name__, type(tb).__name__, tb.tb_frame.f_code.co_name, tb.tb_lineno)
        return True


def g():
    with Ctx():
        1 / 0


g()
import types
print(types.TracebackType.__name__, types.FrameType.__name__)
print(isinstance(saved, types.TracebackType))
try:
    types.TracebackType()
except TypeError as x:
    print(type(x).__name__)
