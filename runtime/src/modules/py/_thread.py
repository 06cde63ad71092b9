# _thread: the low-level threading API that the standard library imports
# (reprlib, functools, dataclasses...), over this runtime's own threading
# module, whose locks and threads are the runtime's.
import threading as _threading
from threading import get_ident, get_native_id, RLock, TIMEOUT_MAX

allocate_lock = allocate = _threading.Lock
LockType = type(allocate_lock())
error = RuntimeError
_local = _threading.local


def start_new_thread(function, args, kwargs=None):
    if not callable(function):
        raise TypeError("first arg must be callable")
    if type(args) is not tuple:
        raise TypeError("2nd arg must be a tuple")
    if kwargs is not None and type(kwargs) is not dict:
        raise TypeError("optional 3rd arg must be a dictionary")
    t = _threading.Thread(target=function, args=args, kwargs=kwargs or {}, daemon=True)
    t.start()
    return t.ident


start_new = start_new_thread


def exit():
    raise SystemExit


exit_thread = exit


def _count():
    return _threading.active_count() - 1


stack_size = _threading.stack_size
