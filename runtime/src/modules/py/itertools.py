# The part of `itertools` written in Python: the iterators that are rarely
# hot (the hot ones are native types, bound by `modules/itertools.rs`).
# Written from the documented behaviour of CPython 3.11's itertools,
# with its argument errors.

_MISSING = object()


def _bind(func, args, kwargs, names, required):
    # Arguments to parameters with CPython's `PyArg_ParseTupleAndKeywords`
    # messages.
    given = len(args) + len(kwargs)
    if given > len(names):
        raise TypeError(f"{func}() takes at most {len(names)} arguments ({given} given)")
    values = list(args) + [_MISSING] * (len(names) - len(args))
    for key, value in kwargs.items():
        if key not in names:
            raise TypeError(f"'{key}' is an invalid keyword argument for {func}()")
        i = names.index(key)
        if i < len(args):
            raise TypeError(
                f"argument for {func}() given by name ('{key}') and position ({i + 1})"
            )
        values[i] = value
    for i in range(required):
        if values[i] is _MISSING:
            raise TypeError(
                f"{func}() missing required argument '{names[i]}' (pos {i + 1})"
            )
    return values


def _positional(func, args, kwargs, n):
    # Exactly `n` positional arguments and no keywords (CPython's
    # `_PyArg_NoKeywords` and `PyArg_UnpackTuple`).
    if kwargs:
        raise TypeError(f"{func}() takes no keyword arguments")
    if len(args) != n:
        s = "" if n == 1 else "s"
        raise TypeError(f"{func} expected {n} argument{s}, got {len(args)}")
    return args


def _same(a, b):
    # CPython's `PyObject_RichCompareBool(a, b, Py_EQ)`: identity first.
    return a is b or a == b


class cycle:
    """Return elements from the iterable until it is exhausted. Then repeat the sequence indefinitely."""

    def __init__(self, *args, **kwargs):
        (iterable,) = _positional("cycle", args, kwargs, 1)
        self._it = iter(iterable)
        self._saved = []
        self._index = 0

    def __iter__(self):
        return self

    def __next__(self):
        it = self._it
        if it is not None:
            item = next(it, _MISSING)
            if item is not _MISSING:
                self._saved.append(item)
                return item
            self._it = None
        saved = self._saved
        if not saved:
            raise StopIteration
        i = self._index
        self._index = (i + 1) % len(saved)
        return saved[i]


class compress:
    """Return data elements corresponding to true selector elements."""

    def __init__(self, *args, **kwargs):
        data, selectors = _bind("compress", args, kwargs, ("data", "selectors"), 2)
        self._data = iter(data)
        self._selectors = iter(selectors)

    def __iter__(self):
        return self

    def __next__(self):
        data, selectors = self._data, self._selectors
        while True:
            datum = next(data)
            if next(selectors):
                return datum


class dropwhile:
    """Drop items from the iterable while predicate(item) is true."""

    def __init__(self, *args, **kwargs):
        self._predicate, iterable = _positional("dropwhile", args, kwargs, 2)
        self._it = iter(iterable)
        self._dropping = True

    def __iter__(self):
        return self

    def __next__(self):
        it = self._it
        while True:
            item = next(it)
            if not self._dropping:
                return item
            if not self._predicate(item):
                self._dropping = False
                return item


class takewhile:
    """Return successive entries from an iterable as long as the predicate evaluates to true for each entry."""

    def __init__(self, *args, **kwargs):
        self._predicate, iterable = _positional("takewhile", args, kwargs, 2)
        self._it = iter(iterable)
        self._stopped = False

    def __iter__(self):
        return self

    def __next__(self):
        if self._stopped:
            raise StopIteration
        item = next(self._it)
        if self._predicate(item):
            return item
        self._stopped = True
        raise StopIteration


class filterfalse:
    """Return those items of iterable for which function(item) is false."""

    def __init__(self, *args, **kwargs):
        self._function, iterable = _positional("filterfalse", args, kwargs, 2)
        self._it = iter(iterable)

    def __iter__(self):
        return self

    def __next__(self):
        function = self._function
        for item in self._it:
            if not (item if function is None else function(item)):
                return item
        raise StopIteration


class pairwise:
    """Return an iterator of overlapping pairs taken from the input iterator."""

    def __init__(self, *args, **kwargs):
        (iterable,) = _positional("pairwise", args, kwargs, 1)
        self._it = iter(iterable)
        self._old = _MISSING

    def __iter__(self):
        return self

    def __next__(self):
        it = self._it
        if it is None:
            raise StopIteration
        old = self._old
        if old is _MISSING:
            old = self._old = next(it, _MISSING)
            if old is _MISSING:
                self._it = None
                raise StopIteration
        new = next(it, _MISSING)
        if new is _MISSING:
            self._it = None
            self._old = _MISSING
            raise StopIteration
        self._old = new
        return (old, new)


class groupby:
    """make an iterator that returns consecutive keys and groups from the iterable"""

    def __init__(self, *args, **kwargs):
        iterable, key = _bind("groupby", args, kwargs, ("iterable", "key"), 1)
        self._it = iter(iterable)
        self._keyfunc = None if key is _MISSING else key
        self._tgtkey = self._currkey = self._currvalue = _MISSING
        self._currgrouper = None

    def __iter__(self):
        return self

    def _step(self):
        # The next value and its key (StopIteration when there is none).
        value = next(self._it)
        keyfunc = self._keyfunc
        key = value if keyfunc is None else keyfunc(value)
        self._currvalue = value
        self._currkey = key

    def __next__(self):
        # The group handed out before stops: the groups share the
        # underlying iterator.
        self._currgrouper = None
        while True:
            if self._currkey is _MISSING:
                pass
            elif self._tgtkey is _MISSING:
                break
            elif not _same(self._tgtkey, self._currkey):
                break
            self._step()
        self._tgtkey = self._currkey
        return (self._currkey, _grouper(self, self._tgtkey))


class _grouper:
    def __init__(self, parent, tgtkey):
        self._parent = parent
        self._tgtkey = tgtkey
        parent._currgrouper = self

    def __iter__(self):
        return self

    def __next__(self):
        parent = self._parent
        if parent._currgrouper is not self:
            raise StopIteration
        if parent._currvalue is _MISSING:
            parent._step()
        if not _same(self._tgtkey, parent._currkey):
            raise StopIteration
        value = parent._currvalue
        parent._currvalue = _MISSING
        return value


# A tee's buffer: blocks of this many items, linked; a block is freed once
# every tee has read past it.
_LINKCELLS = 57


class _tee_dataobject:
    def __init__(self, it):
        self._it = it
        self._values = []
        self._next = None
        self._running = False

    def _item(self, i):
        values = self._values
        if i < len(values):
            return values[i]
        if self._running:
            raise RuntimeError("cannot re-enter the tee iterator")
        self._running = True
        try:
            value = next(self._it)
        finally:
            self._running = False
        values.append(value)
        return value

    def _link(self):
        if self._next is None:
            self._next = _tee_dataobject(self._it)
        return self._next


class _tee:
    """Iterator wrapped to make it copyable."""

    def __init__(self, *args, **kwargs):
        (iterable,) = _positional("_tee", args, kwargs, 1)
        it = iter(iterable)
        if type(it) is _tee:
            self._data, self._index = it._data, it._index
        else:
            self._data, self._index = _tee_dataobject(it), 0

    def __iter__(self):
        return self

    def __next__(self):
        if self._index >= _LINKCELLS:
            self._data = self._data._link()
            self._index = 0
        value = self._data._item(self._index)
        self._index += 1
        return value

    def __copy__(self):
        new = _tee.__new__(_tee)
        new._data, new._index = self._data, self._index
        return new


def tee(*args, **kwargs):
    """Returns a tuple of n independent iterators."""
    if kwargs:
        raise TypeError("itertools.tee() takes no keyword arguments")
    if not args:
        raise TypeError("tee expected at least 1 argument, got 0")
    if len(args) > 2:
        raise TypeError(f"tee expected at most 2 arguments, got {len(args)}")
    # `range` converts with `__index__` and CPython's message.
    n = range(args[1]).stop if len(args) > 1 else 2
    if n < 0:
        raise ValueError("n must be >= 0")
    if n == 0:
        return ()
    it = iter(args[0])
    copy = getattr(it, "__copy__", None)
    if copy is None:
        it = _tee(it)
        copy = it.__copy__
    return (it,) + tuple(copy() for _ in range(n - 1))
