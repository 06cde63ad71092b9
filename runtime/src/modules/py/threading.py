# The parts of `threading` that CPython also writes in Python, on top of the
# native Lock (blocking acquires detach from the runtime).

_stack_size = 0


def stack_size(size=0, /):
    """The stack size of threads made from now on (0: the default);
    returns the previous setting. The runtime's threads keep their own
    stack size, which is large enough for its recursion limit."""
    global _stack_size
    if not isinstance(size, int):
        raise TypeError(
            "'%s' object cannot be interpreted as an integer" % type(size).__name__
        )
    if size < 0:
        raise ValueError("size must be 0 or a positive value")
    if size != 0 and size < 32768:
        raise ValueError("size not valid: %d bytes" % size)
    old = _stack_size
    _stack_size = int(size)
    return old


class RLock:
    def __init__(self):
        self._block = Lock()
        self._owner = None
        self._count = 0

    def acquire(self, blocking=True, timeout=-1):
        me = get_ident()
        if self._owner == me:
            self._count += 1
            return True
        rc = self._block.acquire(blocking, timeout)
        if rc:
            self._owner = me
            self._count = 1
        return rc

    __enter__ = acquire

    def release(self):
        if self._owner != get_ident():
            raise RuntimeError("cannot release un-acquired lock")
        self._count -= 1
        if not self._count:
            self._owner = None
            self._block.release()

    def __exit__(self, t, v, tb):
        # release()'s body, not a call to it: `with` runs __exit__ at the
        # depth __enter__ ran at, so a RecursionError that __enter__ did not
        # meet cannot stop the release here (CPython's RLock is C code and
        # never meets one); a call one level deeper could, and would leave
        # the lock held by a thread that is gone.
        if self._owner != get_ident():
            raise RuntimeError("cannot release un-acquired lock")
        self._count -= 1
        if not self._count:
            self._owner = None
            self._block.release()

    def _is_owned(self):
        return self._owner == get_ident()

    def _release_save(self):
        state = (self._count, self._owner)
        self._count = 0
        self._owner = None
        self._block.release()
        return state

    def _acquire_restore(self, state):
        self._block.acquire()
        self._count, self._owner = state


class Condition:
    def __init__(self, lock=None):
        if lock is None:
            lock = RLock()
        self._lock = lock
        self.acquire = lock.acquire
        self.release = lock.release
        self._waiters = []

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, t, v, tb):
        return self._lock.__exit__(t, v, tb)

    def _is_owned(self):
        if isinstance(self._lock, RLock):
            return self._lock._is_owned()
        if self._lock.acquire(False):
            self._lock.release()
            return False
        return True

    def wait(self, timeout=None):
        if not self._is_owned():
            raise RuntimeError("cannot wait on un-acquired lock")
        waiter = Lock()
        waiter.acquire()
        self._waiters.append(waiter)
        if isinstance(self._lock, RLock):
            saved = self._lock._release_save()
        else:
            self._lock.release()
        gotit = False
        try:
            if timeout is None:
                waiter.acquire()
                gotit = True
            elif timeout > 0:
                gotit = waiter.acquire(True, timeout)
            else:
                gotit = waiter.acquire(False)
            return gotit
        finally:
            if isinstance(self._lock, RLock):
                self._lock._acquire_restore(saved)
            else:
                self._lock.acquire()
            if not gotit:
                if waiter in self._waiters:
                    self._waiters.remove(waiter)

    def wait_for(self, predicate, timeout=None):
        result = predicate()
        while not result:
            if not self.wait(timeout) and timeout is not None:
                return predicate()
            result = predicate()
        return result

    def notify(self, n=1):
        if not self._is_owned():
            raise RuntimeError("cannot notify on un-acquired lock")
        for waiter in self._waiters[:n]:
            waiter.release()
            self._waiters.remove(waiter)

    def notify_all(self):
        self.notify(len(self._waiters))


class Event:
    def __init__(self):
        self._cond = Condition(Lock())
        self._flag = False

    def is_set(self):
        return self._flag

    def set(self):
        with self._cond:
            self._flag = True
            self._cond.notify_all()

    def clear(self):
        with self._cond:
            self._flag = False

    def wait(self, timeout=None):
        with self._cond:
            signaled = self._flag
            if not signaled:
                signaled = self._cond.wait(timeout)
            return signaled


class Semaphore:
    def __init__(self, value=1):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._cond = Condition(Lock())
        self._value = value

    def acquire(self, blocking=True, timeout=None):
        if not blocking and timeout is not None:
            raise ValueError("can't specify timeout for non-blocking acquire")
        deadline = None
        with self._cond:
            while self._value == 0:
                if not blocking:
                    return False
                if timeout is not None:
                    # One deadline for the whole call: a wake-up that finds
                    # the value taken again waits only for what is left.
                    from time import monotonic
                    if deadline is None:
                        deadline = monotonic() + timeout
                    left = deadline - monotonic()
                    if left <= 0:
                        return False
                    self._cond.wait(left)
                else:
                    self._cond.wait()
            self._value -= 1
            return True

    __enter__ = acquire

    def release(self, n=1):
        if n < 1:
            raise ValueError("n must be one or more")
        with self._cond:
            self._value += n
            self._cond.notify(n)

    def __exit__(self, t, v, tb):
        self.release()


class BoundedSemaphore(Semaphore):
    def __init__(self, value=1):
        Semaphore.__init__(self, value)
        self._initial_value = value

    def release(self, n=1):
        if n < 1:
            raise ValueError("n must be one or more")
        with self._cond:
            if self._value + n > self._initial_value:
                raise ValueError("Semaphore released too many times")
            self._value += n
            self._cond.notify(n)


class Timer(Thread):
    """Calls `function(*args, **kwargs)` after `interval` seconds unless
    `cancel()` is called first."""

    def __init__(self, interval, function, args=None, kwargs=None):
        Thread.__init__(self)
        self.interval = interval
        self.function = function
        self.args = args if args is not None else []
        self.kwargs = kwargs if kwargs is not None else {}
        self.finished = Event()

    def cancel(self):
        self.finished.set()

    def run(self):
        self.finished.wait(self.interval)
        if not self.finished.is_set():
            self.function(*self.args, **self.kwargs)
        self.finished.set()


class BrokenBarrierError(RuntimeError):
    pass


# Barrier states: threads arrive while FILLING; the last one to arrive
# switches to DRAINING, and the last to leave back to FILLING. `reset()`
# and `abort()` wake the waiters with RESETTING or BROKEN.
_FILLING, _DRAINING, _RESETTING, _BROKEN = 0, 1, -1, -2


class Barrier:
    def __init__(self, parties, action=None, timeout=None):
        self._cond = Condition(Lock())
        self._action = action
        self._timeout = timeout
        self._parties = parties
        self._state = _FILLING
        self._count = 0

    def wait(self, timeout=None):
        if timeout is None:
            timeout = self._timeout
        with self._cond:
            # A barrier still draining (or resetting) from the last round
            # lets nobody in until the last waiter of that round has left.
            while self._state == _DRAINING or self._state == _RESETTING:
                self._cond.wait()
            if self._state == _BROKEN:
                raise BrokenBarrierError
            index = self._count
            self._count += 1
            try:
                if index + 1 == self._parties:
                    try:
                        if self._action:
                            self._action()
                        self._state = _DRAINING
                        self._cond.notify_all()
                    except BaseException:
                        self._break()
                        raise
                else:
                    if not self._cond.wait_for(
                            lambda: self._state != _FILLING, timeout):
                        self._break()
                        raise BrokenBarrierError
                    if self._state < 0:
                        raise BrokenBarrierError
                return index
            finally:
                self._count -= 1
                if self._count == 0 and (self._state == _DRAINING
                                         or self._state == _RESETTING):
                    self._state = _FILLING
                    self._cond.notify_all()

    def reset(self):
        with self._cond:
            if self._count > 0:
                if self._state == _FILLING or self._state == _BROKEN:
                    self._state = _RESETTING
            else:
                self._state = _FILLING
            self._cond.notify_all()

    def abort(self):
        with self._cond:
            self._break()

    def _break(self):
        self._state = _BROKEN
        self._cond.notify_all()

    @property
    def parties(self):
        return self._parties

    @property
    def n_waiting(self):
        if self._state == _FILLING:
            return self._count
        return 0

    @property
    def broken(self):
        return self._state == _BROKEN

    def __repr__(self):
        cls = self.__class__
        if self.broken:
            return "<%s.%s at %#x: broken>" % (cls.__module__, cls.__qualname__,
                                               id(self))
        return "<%s.%s at %#x: waiters=%d/%d>" % (
            cls.__module__, cls.__qualname__, id(self), self.n_waiting,
            self.parties)


ThreadError = RuntimeError

from _structseq import structseq as _structseq

ExceptHookArgs = _structseq(
    "_thread._ExceptHookArgs",
    ("exc_type", "exc_value", "exc_traceback", "thread"), 4)


def excepthook(args, /):
    """Reports an exception that ended a thread, as the runtime does when
    this default hook is installed."""
    if args.exc_type is SystemExit:
        return
    if args.thread is not None:
        name = args.thread.name
    else:
        name = get_ident()
    _print_exception(args.exc_value, name)


__excepthook__ = excepthook


def _call_excepthook(exc, thread):
    # The runtime calls this for a thread's uncaught exception when the
    # program replaced `excepthook`.
    excepthook(ExceptHookArgs((type(exc), exc, exc.__traceback__, thread)))

# CPython's limit on Linux: the largest timeout a lock wait accepts.
TIMEOUT_MAX = 9223372036.0


def get_native_id():
    # This runtime's thread idents are already unique per thread for the
    # life of the process.
    return get_ident()


# Functions to call at interpreter exit before the non-daemon threads are
# joined (`concurrent.futures` stops its idle workers with one), last
# registered first; the runtime calls `_run_atexits`.
_threading_atexits = []
_SHUTTING_DOWN = False


def _register_atexit(func, *arg, **kwargs):
    if _SHUTTING_DOWN:
        raise RuntimeError("can't register atexit after shutdown")
    _threading_atexits.append(lambda: func(*arg, **kwargs))


def _run_atexits():
    global _SHUTTING_DOWN
    _SHUTTING_DOWN = True
    for call in reversed(_threading_atexits):
        call()


# Called with a thread's ident as the thread ends (from the runtime, on
# that thread): per-thread state (`local`, the current `contextvars`
# context) forgets the thread.
_at_thread_exit = []


def _thread_exit():
    ident = get_ident()
    for forget in _at_thread_exit:
        forget(ident)


# ident of a thread -> weak references to the `local` objects it has used.
_locals_of_thread = {}


def _forget_locals(ident):
    for ref in _locals_of_thread.pop(ident, ()):
        obj = ref()
        if obj is not None:
            object.__getattribute__(obj, "_local__dicts").pop(ident, None)


_at_thread_exit.append(_forget_locals)


def _remember_local(obj, ident):
    # A weak reference, dropped from the thread's list when the local object
    # goes (a long-lived thread may use many short-lived locals).
    import weakref
    refs = _locals_of_thread.get(ident)
    if refs is None:
        refs = _locals_of_thread[ident] = []

    def forget(ref):
        try:
            refs.remove(ref)
        except ValueError:
            pass

    refs.append(weakref.ref(obj, forget))


def _local_dict(self):
    # The calling thread's namespace of `self`, made (and `__init__` run
    # again with the constructor's arguments) on the thread's first use.
    dicts = object.__getattribute__(self, "_local__dicts")
    ident = get_ident()
    d = dicts.get(ident)
    if d is None:
        d = {}
        dicts[ident] = d
        _remember_local(self, ident)
        init = type(self).__init__
        if init is not object.__init__:
            args, kwargs = object.__getattribute__(self, "_local__args")
            init(self, *args, **kwargs)
    return d


# class -> the names its (and its bases') data descriptors have: those
# win over a thread's namespace, as for an instance dict. Worked out once
# per class (`cls.__dict__` is slow to read on every access); a data
# descriptor added to a local class after first use is not seen.
_data_names = {}


def _data_descriptor_names(cls):
    names = set()
    for base in cls.__mro__:
        for name, attr in base.__dict__.items():
            t = type(attr)
            if hasattr(t, "__set__") or hasattr(t, "__delete__"):
                names.add(name)
    names.discard("__dict__")
    _data_names[cls] = names
    return names


def _local_type_name(obj):
    cls = type(obj)
    return "_thread._local" if cls is _local else cls.__name__


class _local:
    """Thread-local data: each thread sees its own attributes (a namespace
    per thread, keyed by the thread's ident, dropped when it ends)."""

    def __new__(cls, *args, **kwargs):
        if (args or kwargs) and cls.__init__ is object.__init__:
            raise TypeError("Initialization arguments are not supported")
        self = object.__new__(cls)
        object.__setattr__(self, "_local__dicts", {})
        object.__setattr__(self, "_local__args", (args, kwargs))
        # The creating thread's namespace exists before `__init__` runs,
        # which the type call runs once, here.
        dicts = object.__getattribute__(self, "_local__dicts")
        ident = get_ident()
        dicts[ident] = {}
        _remember_local(self, ident)
        return self

    def __getattribute__(self, name):
        d = object.__getattribute__(self, "_local__dicts").get(get_ident())
        if d is None:
            d = _local_dict(self)
        if name in d:
            names = _data_names.get(type(self))
            if names is None:
                names = _data_descriptor_names(type(self))
            if name not in names:
                return d[name]
        elif name == "__dict__":
            return d
        try:
            return object.__getattribute__(self, name)
        except AttributeError:
            if type(self) is not _local or name in _local.__dict__:
                raise
        raise AttributeError("'_thread._local' object has no attribute '%s'"
                             % name)

    def __setattr__(self, name, value):
        if name == "__dict__":
            raise AttributeError("'_thread._local' object attribute "
                                 "'__dict__' is read-only")
        d = object.__getattribute__(self, "_local__dicts").get(get_ident())
        if d is None:
            d = _local_dict(self)
        names = _data_names.get(type(self))
        if names is None:
            names = _data_descriptor_names(type(self))
        if name in names:
            object.__setattr__(self, name, value)
        else:
            d[name] = value

    def __delattr__(self, name):
        if name == "__dict__":
            raise AttributeError("'_thread._local' object attribute "
                                 "'__dict__' is read-only")
        d = object.__getattribute__(self, "_local__dicts").get(get_ident())
        if d is None:
            d = _local_dict(self)
        names = _data_names.get(type(self))
        if names is None:
            names = _data_descriptor_names(type(self))
        if name in names:
            object.__delattr__(self, name)
        elif name in d:
            del d[name]
        else:
            raise AttributeError("'%s' object has no attribute '%s'"
                                 % (_local_type_name(self), name))


_local.__module__ = "_thread"
local = _local
