# The parts of `weakref` that CPython also writes in Python, on top of the
# native `ref`: each entry holds a weak reference whose callback removes the
# entry when its object dies. The callbacks hold the container only weakly.


def _remover(container, key):
    selfref = ref(container)

    def remove(wr):
        self = selfref()
        if self is not None:
            if self.data.get(key) is wr:
                del self.data[key]
    return remove


class WeakValueDictionary:
    def __init__(self, other=(), **kwargs):
        self.data = {}
        self.update(other, **kwargs)

    def __getitem__(self, key):
        o = self.data[key]()
        if o is None:
            raise KeyError(key)
        return o

    def __setitem__(self, key, value):
        self.data[key] = ref(value, _remover(self, key))

    def __delitem__(self, key):
        del self.data[key]

    def __contains__(self, key):
        wr = self.data.get(key)
        return wr is not None and wr() is not None

    def __len__(self):
        return len(self.data)

    def __iter__(self):
        for k, wr in list(self.data.items()):
            if wr() is not None:
                yield k

    def __repr__(self):
        return '<WeakValueDictionary at %#x>' % id(self)

    def get(self, key, default=None):
        wr = self.data.get(key)
        if wr is None:
            return default
        o = wr()
        if o is None:
            return default
        return o

    def keys(self):
        for k, wr in list(self.data.items()):
            if wr() is not None:
                yield k

    def values(self):
        for wr in list(self.data.values()):
            o = wr()
            if o is not None:
                yield o

    def items(self):
        for k, wr in list(self.data.items()):
            o = wr()
            if o is not None:
                yield k, o

    def itervaluerefs(self):
        for wr in list(self.data.values()):
            yield wr

    def valuerefs(self):
        return list(self.data.values())

    def pop(self, key, *args):
        wr = self.data.pop(key, None)
        o = None if wr is None else wr()
        if o is None:
            if args:
                return args[0]
            raise KeyError(key)
        return o

    def popitem(self):
        while True:
            key, wr = self.data.popitem()
            o = wr()
            if o is not None:
                return key, o

    def setdefault(self, key, default=None):
        o = self.get(key)
        if o is None:
            self[key] = default
            return default
        return o

    def update(self, other=(), **kwargs):
        if hasattr(other, 'items'):
            other = other.items()
        for k, v in other:
            self[k] = v
        for k, v in kwargs.items():
            self[k] = v

    def copy(self):
        new = WeakValueDictionary()
        for k, v in self.items():
            new[k] = v
        return new

    def clear(self):
        self.data.clear()


class WeakKeyDictionary:
    def __init__(self, dict=None):
        self.data = {}
        selfref = ref(self)

        def remove(k):
            self = selfref()
            if self is not None:
                try:
                    del self.data[k]
                except KeyError:
                    pass
        self._remove = remove
        if dict is not None:
            self.update(dict)

    def __getitem__(self, key):
        return self.data[ref(key)]

    def __setitem__(self, key, value):
        self.data[ref(key, self._remove)] = value

    def __delitem__(self, key):
        del self.data[ref(key)]

    def __contains__(self, key):
        try:
            wr = ref(key)
        except TypeError:
            return False
        return wr in self.data

    def __len__(self):
        return len(self.data)

    def __iter__(self):
        for wr in list(self.data):
            o = wr()
            if o is not None:
                yield o

    def __repr__(self):
        return '<WeakKeyDictionary at %#x>' % id(self)

    def get(self, key, default=None):
        return self.data.get(ref(key), default)

    def keys(self):
        for wr in list(self.data):
            o = wr()
            if o is not None:
                yield o

    def values(self):
        for wr, v in list(self.data.items()):
            if wr() is not None:
                yield v

    def items(self):
        for wr, v in list(self.data.items()):
            o = wr()
            if o is not None:
                yield o, v

    def keyrefs(self):
        return list(self.data)

    def pop(self, key, *args):
        return self.data.pop(ref(key), *args)

    def popitem(self):
        while True:
            wr, v = self.data.popitem()
            o = wr()
            if o is not None:
                return o, v

    def setdefault(self, key, default=None):
        return self.data.setdefault(ref(key, self._remove), default)

    def update(self, dict=None, **kwargs):
        if dict is not None:
            if hasattr(dict, 'items'):
                dict = dict.items()
            for k, v in dict:
                self[k] = v
        for k, v in kwargs.items():
            self[k] = v

    def copy(self):
        new = WeakKeyDictionary()
        for k, v in self.items():
            new[k] = v
        return new

    def clear(self):
        self.data.clear()


class WeakSet:
    def __init__(self, data=None):
        self.data = set()
        selfref = ref(self)

        def remove(item):
            self = selfref()
            if self is not None:
                self.data.discard(item)
        self._remove = remove
        if data is not None:
            for item in data:
                self.add(item)

    def add(self, item):
        self.data.add(ref(item, self._remove))

    def discard(self, item):
        self.data.discard(ref(item))

    def remove(self, item):
        self.data.remove(ref(item))

    def __contains__(self, item):
        try:
            wr = ref(item)
        except TypeError:
            return False
        return wr in self.data

    def __len__(self):
        return len(self.data)

    def __iter__(self):
        for wr in list(self.data):
            o = wr()
            if o is not None:
                yield o

    def __repr__(self):
        return '<WeakSet at %#x>' % id(self)

    def clear(self):
        self.data.clear()


class finalize:
    """A finalizer for `obj`: calls `func(*args, **kwargs)` once, when `obj`
    is collected, when the finalizer is called, or at interpreter exit (while
    `atexit` is true), whichever comes first. Live finalizers are kept in a
    class-level registry, so that a finalizer lives as long as its object
    whether or not the program keeps it."""

    __slots__ = ()
    _registry = {}
    _shutdown = False
    _next_index = 0
    _registered_with_atexit = False

    class _Info:
        __slots__ = ("weakref", "func", "args", "kwargs", "atexit", "index")

    def __init__(self, obj, func, /, *args, **kwargs):
        if not finalize._registered_with_atexit:
            import atexit
            atexit.register(finalize._exitfunc)
            finalize._registered_with_atexit = True
        info = finalize._Info()
        info.weakref = ref(obj, self)
        info.func = func
        info.args = args
        info.kwargs = kwargs or None
        info.atexit = True
        info.index = finalize._next_index
        finalize._next_index += 1
        finalize._registry[self] = info

    def __call__(self, _=None):
        """Run the callback unless it already ran or was detached; return
        its result (None otherwise)."""
        info = finalize._registry.pop(self, None)
        if info is not None and not finalize._shutdown:
            return info.func(*info.args, **(info.kwargs or {}))

    def detach(self):
        """Unregister; return (obj, func, args, kwargs) if still alive."""
        info = finalize._registry.get(self)
        obj = info and info.weakref()
        if obj is not None and finalize._registry.pop(self, None) is not None:
            return (obj, info.func, info.args, info.kwargs or {})

    def peek(self):
        """(obj, func, args, kwargs) if still alive, else None."""
        info = finalize._registry.get(self)
        obj = info and info.weakref()
        if obj is not None:
            return (obj, info.func, info.args, info.kwargs or {})

    @property
    def alive(self):
        """Whether the finalizer has yet to run."""
        return self in finalize._registry

    @property
    def atexit(self):
        """Whether it runs at interpreter exit if still alive then."""
        info = finalize._registry.get(self)
        return bool(info) and info.atexit

    @atexit.setter
    def atexit(self, value):
        info = finalize._registry.get(self)
        if info:
            info.atexit = bool(value)

    def __repr__(self):
        info = finalize._registry.get(self)
        obj = info and info.weakref()
        if obj is None:
            return "<%s object at %#x; dead>" % (type(self).__name__, id(self))
        return "<%s object at %#x; for %r at %#x>" % (
            type(self).__name__, id(self), type(obj).__name__, id(obj))

    @staticmethod
    def _exitfunc():
        # At exit, the live finalizers marked `atexit` run, newest first;
        # none runs after this.
        try:
            pending = sorted(
                (info.index, f) for f, info in finalize._registry.items() if info.atexit)
            for _, f in reversed(pending):
                try:
                    f()
                except Exception:
                    import sys
                    sys.excepthook(*sys.exc_info())
        finally:
            finalize._shutdown = True
