# concurrent.interpreters (PEP 734, CPython 3.14): the Python part.
# Gilgamesh's own code, written from the documented API; the native part
# (runtime/src/modules/interpreters.rs) provides the `_`-prefixed
# functions. CPython 3.11, whose stdlib this runtime runs, has no such
# module.
#
# Shareable values: None, bool, int, float, str, bytes, tuples of these,
# and Queue objects. Everything that crosses is copied into the target
# interpreter's own objects.

import threading as _threading
import queue as _queue

__all__ = [
    'get_current', 'get_main', 'create', 'list_all', 'is_shareable',
    'Interpreter',
    'InterpreterError', 'InterpreterNotFoundError', 'ExecutionFailed',
    'NotShareableError',
    'create_queue', 'Queue', 'QueueEmpty', 'QueueFull',
]


class InterpreterError(Exception):
    """A cross-interpreter operation failed."""


class InterpreterNotFoundError(InterpreterError):
    """The interpreter does not exist (any more)."""


class NotShareableError(ValueError):
    """The object cannot be passed to another interpreter."""


class QueueError(RuntimeError):
    """A cross-interpreter queue operation failed."""


class QueueNotFoundError(QueueError):
    """The queue does not exist."""


class QueueEmpty(QueueError, _queue.Empty):
    """get_nowait() (or get() past its timeout) found the queue empty."""


class QueueFull(QueueError, _queue.Full):
    """put_nowait() (or put() past its timeout) found the queue full."""


class _ExcType:
    """What is left of the class of an exception raised in another
    interpreter: its names."""

    def __init__(self, name, qualname, module):
        self.__name__ = name
        self.__qualname__ = qualname
        self.__module__ = module

    def __repr__(self):
        return f'<exception type {self.__qualname__!r}>'


class _ExcInfo:
    """A summary of an exception that escaped in another interpreter."""

    def __init__(self, name, qualname, module, msg, formatted, errdisplay):
        self.type = _ExcType(name, qualname, module)
        self.msg = msg
        self.formatted = formatted
        self.errdisplay = errdisplay

    def __repr__(self):
        return (f'ExceptionInfo(type={self.type.__name__!r}, '
                f'msg={self.msg!r})')


class ExecutionFailed(InterpreterError):
    """An exception escaped the code run by Interpreter.exec() or
    Interpreter.call()."""

    def __init__(self, excinfo):
        super().__init__(excinfo.formatted or excinfo.type.__name__)
        self.excinfo = excinfo

    def __str__(self):
        first = super().__str__()
        shown = self.excinfo.errdisplay
        if not shown:
            return first
        return f'{first}\n\nUncaught in the interpreter:\n\n{shown}'


def _raise_failed(info):
    if info is not None:
        raise ExecutionFailed(_ExcInfo(*info))


class _Handle:
    """What an interpreter and a queue share: a handle named by an int id,
    one Python object per id, copied to another interpreter as its id."""

    def __repr__(self):
        return f'{type(self).__name__}({self._id})'

    def __hash__(self):
        return hash(self._id)

    def __reduce__(self):
        return (type(self), (self._id,))

    @property
    def id(self):
        return self._id


_interpreters = {}


class Interpreter(_Handle):
    """One interpreter (its id is unique in the process)."""

    def __new__(cls, id, /):
        if not isinstance(id, int):
            raise TypeError(f'id must be an int, got {id!r}')
        self = _interpreters.get(id)
        if self is None:
            if not _exists(id):
                raise InterpreterNotFoundError(
                    f'unrecognized interpreter ID {id}')
            self = super().__new__(cls)
            self._id = id
            _interpreters[id] = self
        return self


    @property
    def whence(self):
        if self._id == _get_main():
            return 'runtime init'
        return '_interpreters module'

    def is_running(self):
        """Whether code runs in the interpreter's __main__ now."""
        return _is_running(self._id)

    def close(self):
        """Finalize and destroy the interpreter."""
        _destroy(self._id)
        _interpreters.pop(self._id, None)

    def prepare_main(self, ns=None, /, **kwargs):
        """Bind shareable values (copied) into the interpreter's
        __main__."""
        ns = dict(ns, **kwargs) if ns is not None else kwargs
        _set_main_attrs(self._id, ns)

    def exec(self, code, /):
        """Run source code in the interpreter's __main__, in this thread.
        An uncaught exception becomes ExecutionFailed here."""
        if not isinstance(code, str):
            raise TypeError(
                f'expected a str, got {type(code).__name__!r}')
        _raise_failed(_exec(self._id, code))

    def call(self, callable, /, *args, **kwargs):
        """Call a function in the interpreter, in this thread, and return
        (a copy of) its result."""
        res, info = _call(self._id, callable, args, kwargs)
        _raise_failed(info)
        return res

    def call_in_thread(self, callable, /, *args, **kwargs):
        """Call a function in the interpreter in a new thread (already
        started); the result and any exception are dropped."""
        t = _threading.Thread(target=self.call, args=(callable, *args),
                              kwargs=kwargs)
        t.start()
        return t


def create():
    """A new, idle interpreter."""
    return Interpreter(_create())


def list_all():
    """Every interpreter of this process's family."""
    return [Interpreter(id) for id in _list_all()]


def get_current():
    """The interpreter running this code."""
    return Interpreter(_get_current())


def get_main():
    """The main interpreter."""
    return Interpreter(_get_main())


def is_shareable(obj):
    """Whether obj can be passed (copied) to another interpreter."""
    return _is_shareable(obj)


_queues = {}


class Queue(_Handle):
    """A FIFO queue between interpreters; items are copied."""

    def __new__(cls, id, /):
        if not isinstance(id, int):
            raise TypeError(f'id must be an int, got {id!r}')
        self = _queues.get(id)
        if self is None:
            self = super().__new__(cls)
            self._id = id
            _queues[id] = self
        return self


    @property
    def maxsize(self):
        return _queue_maxsize(self._id)

    def empty(self):
        return _queue_size(self._id) == 0

    def full(self):
        maxsize = _queue_maxsize(self._id)
        return maxsize > 0 and _queue_size(self._id) >= maxsize

    def qsize(self):
        return _queue_size(self._id)

    def put(self, obj, block=True, timeout=None):
        """Add a copy of obj; waits while the queue is full."""
        if not _queue_put(self._id, obj, block, timeout):
            raise QueueFull('queue is full')

    def put_nowait(self, obj):
        self.put(obj, False)

    def get(self, block=True, timeout=None):
        """Take the oldest item; waits while the queue is empty."""
        ok, obj = _queue_get(self._id, block, timeout)
        if not ok:
            raise QueueEmpty('queue is empty')
        return obj

    def get_nowait(self):
        return self.get(False)


def create_queue(maxsize=0):
    """A new cross-interpreter queue (maxsize 0: unbounded)."""
    return Queue(_queue_create(maxsize))
