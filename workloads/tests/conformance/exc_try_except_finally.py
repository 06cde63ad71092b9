def f(x):
    try:
        return 10 // x
    except ZeroDivisionError as e:
        print("caught", e, e.args)
        return -1
    finally:
        print("finally", x)

print(f(2), f(0))
for i in range(5):
    try:
        if i == 1:
            continue
        if i == 3:
            break
        print("body", i)
    finally:
        print("fin", i)
try:
    d = {}
    d["k"]
except (IndexError, KeyError) as e:
    print("lookup", repr(e), type(e).__name__)
else:
    print("no")
try:
    pass
except Exception:
    print("no")
else:
    print("else ran")
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("bad")
except ValueError as e:
    print("ctx", repr(e.__context__), e.__cause__)
try:
    try:
        [][0]
    except IndexError as e:
        raise KeyError("k") from e
except LookupError as e:
    print("cause", repr(e.__cause__), e.__suppress_context__)
def g():
    try:
        raise RuntimeError("inner")
    except RuntimeError:
        print("reraising")
        raise
try:
    g()
except Exception as e:
    print("outer got", e)
def h():
    for i in range(3):
        try:
            return i
        finally:
            print("h fin")
print(h())
def k():
    try:
        1/0
    finally:
        return "swallowed"
print(k())
try:
    raise ArithmeticError
except ArithmeticError as e:
    print(repr(e), str(e) == "")
try:
    assert 1 == 2, "nope"
except AssertionError as e:
    print("assert", e)
import threading
lock = threading.Lock()
try:
    with lock:
        raise TypeError("in with")
except TypeError as e:
    print(e, lock.locked())
try:
    x = int("zz")
except ValueError as e:
    print(e)
try:
    raise 5
except TypeError as e:
    print(e)
try:
    try:
        1/0
    except 5:
        pass
except TypeError as e:
    print(e)
try:
    print(undefined)
except NameError as e:
    print(e)
def deep(n):
    return deep(n + 1)
try:
    deep(0)
except RecursionError as e:
    print(type(e).__name__)
print("e" in dir() if False else "done")
try:
    raise KeyError("x")
except KeyError:
    try:
        raise
    except KeyError as e2:
        print("bare reraise", e2)
import sys
try:
    sys.exit(3)
except SystemExit as e:
    print("exit", e.args)
