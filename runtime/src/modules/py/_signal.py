# The Python part of `_signal`: what CPython's C module returns as sets,
# and ItimerError (named `signal.itimer_error`, as in CPython).


class ItimerError(OSError):
    pass


ItimerError.__module__ = "signal"
ItimerError.__name__ = ItimerError.__qualname__ = "itimer_error"


def valid_signals():
    return set(_valid_signals())


def pthread_sigmask(how, mask):
    return set(_pthread_sigmask(how, mask))


def sigpending():
    return set(_sigpending())


def setitimer(which, seconds, interval=0.0):
    try:
        return _setitimer(which, seconds, interval)
    except OSError as e:
        raise ItimerError(e.errno, e.strerror) from None


def getitimer(which):
    try:
        return _getitimer(which)
    except OSError as e:
        raise ItimerError(e.errno, e.strerror) from None
