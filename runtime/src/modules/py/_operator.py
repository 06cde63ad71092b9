"""Operator interface.

This module exports a set of functions implemented in C corresponding
to the intrinsic operators of Python.  For example, operator.add(x, y)
is equivalent to the expression x+y.  The function names are those
used for special methods; variants without leading and trailing
'__' are also provided for convenience."""

# Only what Lib imports from `_operator` by name; everything public comes
# from operator.py's pure-Python definitions (`from _operator import *`
# finds no public name here).


def _compare_digest(a, b):
    """Return 'a == b'.

    This function uses an approach designed to prevent
    timing analysis, making it appropriate for cryptography.

    a and b must both be of the same type: either str (ASCII only),
    or any bytes-like object.

    Note: If a and b are of different lengths, or if an error occurs,
    a timing attack could theoretically reveal information about the
    types and lengths of a and b--but not their values."""
    if isinstance(a, str) and isinstance(b, str):
        if not (a.isascii() and b.isascii()):
            raise TypeError("comparing strings with non-ASCII characters is not supported")
        a = a.encode("ascii")
        b = b.encode("ascii")
    else:
        # Anything else compares as bytes-like objects (CPython's checks,
        # in its order).
        if not _has_buffer(a) and not _has_buffer(b):
            raise TypeError(
                "unsupported operand types(s) or combination of types: '%s' and '%s'"
                % (type(a).__name__, type(b).__name__))
        for x in (a, b):
            if not _has_buffer(x):
                raise TypeError("a bytes-like object is required, not '%s'" % type(x).__name__)
        a = bytes(memoryview(a))
        b = bytes(memoryview(b))
    # Every byte is looked at whatever the lengths, as CPython's loop does.
    result = len(a) ^ len(b)
    other = b if len(a) == len(b) else a
    for x, y in zip(a, other):
        result |= x ^ y
    return result == 0


def _has_buffer(x):
    try:
        memoryview(x)
    except TypeError:
        return False
    return True
