# select.select and select.poll over the native `_poll` (poll(2), which
# waits without the GIL). An object is ready to read on POLLIN, POLLHUP or
# POLLERR, to write on POLLOUT or POLLERR, and "exceptional" on POLLPRI, as
# select(2) reports them on Linux.
error = OSError

# select(2)'s limit: descriptors at or past it are refused, as CPython's.
_FD_SETSIZE = 1024
_READ = POLLIN | POLLHUP | POLLERR
_WRITE = POLLOUT | POLLERR


def _fileno(obj):
    if isinstance(obj, int):
        fd = obj
    else:
        try:
            method = obj.fileno
        except AttributeError:
            raise TypeError(
                "argument must be an int, or have a fileno() method.") from None
        fd = method()
        if not isinstance(fd, int):
            raise TypeError("fileno() returned a non-integer")
    if fd < 0:
        raise ValueError(
            "file descriptor cannot be a negative integer (%d)" % fd)
    return int(fd)


def _timeout_seconds(timeout, message):
    if timeout is None:
        return None
    if isinstance(timeout, float):
        if timeout != timeout:
            raise ValueError("Invalid value NaN (not a number)")
        return timeout
    if isinstance(timeout, int):
        return float(timeout)
    try:
        index = timeout.__index__
    except AttributeError:
        raise TypeError(message) from None
    return float(index())


def select(rlist, wlist, xlist, timeout=None):
    timeout = _timeout_seconds(timeout, "timeout must be a float or None")
    if timeout is not None and timeout < 0:
        raise ValueError("timeout must be non-negative")
    lists = []
    for objects in (rlist, wlist, xlist):
        try:
            objects = list(objects)
        except TypeError:
            raise TypeError("arguments 1-3 must be sequences") from None
        pairs = []
        for obj in objects:
            fd = _fileno(obj)
            if fd >= _FD_SETSIZE:
                raise ValueError("filedescriptor out of range in select()")
            pairs.append((obj, fd))
        lists.append(pairs)
    events = {}
    for pairs, mask in zip(lists, (POLLIN, POLLOUT, POLLPRI)):
        for obj, fd in pairs:
            events[fd] = events.get(fd, 0) | mask
    ready = dict(_poll(list(events.items()), timeout))
    for revents in ready.values():
        if revents & POLLNVAL:
            raise OSError(9, "Bad file descriptor")
    return tuple(
        [obj for obj, fd in pairs if ready.get(fd, 0) & wanted]
        for pairs, wanted in zip(lists, (_READ, _WRITE, POLLPRI)))


def _event_mask(eventmask):
    if not isinstance(eventmask, int):
        raise TypeError("'%s' object cannot be interpreted as an integer"
                        % type(eventmask).__name__)
    if eventmask < 0:
        raise ValueError("value must be positive")
    if eventmask > 0xFFFF:
        raise OverflowError("Python int too large for C unsigned short")
    return eventmask


class poll:
    def __init__(self):
        self._fds = {}
        self._polling = False

    def register(self, fd, eventmask=POLLIN | POLLPRI | POLLOUT):
        fd = _fileno(fd)
        self._fds[fd] = _event_mask(eventmask)

    def modify(self, fd, eventmask):
        fd = _fileno(fd)
        eventmask = _event_mask(eventmask)
        if fd not in self._fds:
            raise FileNotFoundError(2, "No such file or directory")
        self._fds[fd] = eventmask

    def unregister(self, fd):
        fd = _fileno(fd)
        if fd not in self._fds:
            raise KeyError(fd)
        del self._fds[fd]

    def poll(self, timeout=None):
        # Milliseconds; None or a negative value waits for ever.
        timeout = _timeout_seconds(timeout,
                                   "timeout must be an integer or None")
        if timeout is not None:
            timeout = None if timeout < 0 else timeout / 1000.0
        if self._polling:
            raise RuntimeError("concurrent poll() invocation")
        self._polling = True
        try:
            return _poll(list(self._fds.items()), timeout)
        finally:
            self._polling = False
