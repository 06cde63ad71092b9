"""The functions to run when the interpreter exits (CPython's `atexit`).

The runtime calls `_run_exitfuncs` once, after `threading`'s shutdown has
joined the non-daemon threads, as CPython's finalization does.
"""

_callbacks = []


def register(func, /, *args, **kwargs):
    """Register func to be called with args and kwargs at exit; returns func."""
    if not callable(func):
        raise TypeError("the first argument must be callable")
    _callbacks.append((func, args, kwargs))
    return func


def unregister(func, /):
    """Remove every registration of func."""
    _callbacks[:] = [c for c in _callbacks if c[0] != func]


def _clear():
    _callbacks.clear()


def _ncallbacks():
    return len(_callbacks)


def _run_exitfuncs():
    """Run the callbacks, last registered first; an exception from one is
    reported on stderr and the others still run."""
    while _callbacks:
        func, args, kwargs = _callbacks.pop()
        try:
            func(*args, **kwargs)
        except BaseException as e:
            import sys
            import traceback

            print(f"Exception ignored in atexit callback: {func!r}", file=sys.stderr)
            traceback.print_exception(e)
