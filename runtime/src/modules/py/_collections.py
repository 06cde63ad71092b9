# The Python part of `_collections`: `defaultdict`, a dict subclass whose
# missing keys get a default made by `default_factory` (CPython's
# `defdict_type`). `deque` is native (`_collections.rs`).


class defaultdict(dict):
    """defaultdict(default_factory=None, /, [...]) --> dict with default factory

The default factory is called without arguments to produce
a new value when a key is not present, in __getitem__ only.
A defaultdict compares equal to a dict with the same items.
All remaining arguments are treated the same as if they were
passed to the dict constructor, including keyword arguments.
"""

    __module__ = 'collections'
    # No per-instance `__dict__`, as CPython's C type.
    __slots__ = ('default_factory',)

    def __init__(self, *args, **kwargs):
        # `default_factory` is positional-only: a keyword of that name is
        # an item, as for `dict`.
        factory = args[0] if args else None
        if factory is not None and not callable(factory):
            raise TypeError("first argument must be callable or None")
        dict.__init__(self, *args[1:], **kwargs)
        self.default_factory = factory

    def __missing__(self, key):
        factory = self.default_factory
        if factory is None:
            raise KeyError(key)
        value = factory()
        if not _overrides_setitem(type(self)):
            # One atomic step: two threads missing the same key at once
            # both get the value stored (CPython's C `__missing__` runs
            # under the GIL without a switch when the factory is a builtin
            # such as `list`; this keeps `d[k].append(x)` from losing an
            # item in every lock mode).
            return dict.setdefault(self, key, value)
        # A subclass's `__setitem__` is called, as CPython's
        # `PyObject_SetItem` does.
        self[key] = value
        return value

    def __repr__(self):
        factory = self.default_factory
        factory_repr = 'None' if factory is None else repr(factory)
        return f'{type(self).__name__}({factory_repr}, {dict.__repr__(self)})'

    def copy(self):
        """D.copy() -> a shallow copy of D."""
        return type(self)(self.default_factory, self)

    __copy__ = copy

    def __reduce__(self):
        factory = self.default_factory
        args = () if factory is None else (factory,)
        return (type(self), args, None, None, iter(self.items()))

    def __or__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = self.copy()
        new.update(other)
        return new

    def __ror__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = type(self)(self.default_factory, other)
        new.update(self)
        return new

    __class_getitem__ = classmethod(type(list[int]))


def _overrides_setitem(cls):
    """Whether a class between `cls` and `dict` defines `__setitem__`."""
    for c in cls.__mro__:
        if c is dict:
            return False
        if '__setitem__' in c.__dict__:
            return True
    return False
