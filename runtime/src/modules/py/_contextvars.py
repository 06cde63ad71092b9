# _contextvars: context variables (PEP 567). Each thread has its own
# current context, which starts empty, as in CPython 3.11. A context's
# mapping is a dict that is never changed once published (a `set` makes a
# new one), so `copy()` shares it and another thread reading a context never
# sees it half-written.
from _thread import get_ident as _get_ident
import threading as _threading

__all__ = ("Context", "ContextVar", "Token", "copy_context")

# ident of a thread -> its current Context; a thread's entry is written
# only by that thread and dropped when it ends.
_current = {}
_enter_lock = _threading.Lock()


def _forget_thread(ident):
    _current.pop(ident, None)


_threading._at_thread_exit.append(_forget_thread)


def _current_context():
    ident = _get_ident()
    ctx = _current.get(ident)
    if ctx is None:
        ctx = object.__new__(Context)
        ctx._data = {}
        ctx._prev = None
        ctx._entered = False
        _current[ident] = ctx
    return ctx


def copy_context():
    return _current_context().copy()


def _no_subclass(name):
    def __init_subclass__(cls, **kwargs):
        raise TypeError("type '_contextvars.%s' is not an acceptable base type"
                        % name)
    return classmethod(__init_subclass__)


def _check_var(key):
    if type(key) is not ContextVar:
        raise TypeError("a ContextVar key was expected, got %r" % (key,))


class Context:
    __slots__ = ("_data", "_prev", "_entered", "__weakref__")
    __init_subclass__ = _no_subclass("Context")

    def __new__(cls, *args, **kwargs):
        if args or kwargs:
            raise TypeError("Context() does not accept any arguments")
        self = object.__new__(cls)
        self._data = {}
        self._prev = None
        self._entered = False
        return self

    def run(*args, **kwargs):
        if len(args) < 2:
            if not args:
                raise TypeError("descriptor 'run' of '_contextvars.Context' "
                                "object needs an argument")
            raise TypeError("run() missing 1 required positional argument")
        self, callable, args = args[0], args[1], args[2:]
        # Checked and set as one step: two threads may try to enter the
        # same context at once (finegrained runs them in parallel).
        with _enter_lock:
            if self._entered:
                raise RuntimeError("cannot enter context: %r is already "
                                   "entered" % (self,))
            self._entered = True
        ident = _get_ident()
        prev = _current_context()
        self._prev = prev
        _current[ident] = self
        try:
            return callable(*args, **kwargs)
        finally:
            _current[ident] = prev
            self._prev = None
            self._entered = False

    def copy(self):
        new = object.__new__(Context)
        new._data = self._data
        new._prev = None
        new._entered = False
        return new

    def __getitem__(self, var):
        _check_var(var)
        try:
            return self._data[var]
        except KeyError:
            raise KeyError(var) from None

    def __contains__(self, var):
        _check_var(var)
        return var in self._data

    def __len__(self):
        return len(self._data)

    def __iter__(self):
        return iter(self._data)

    def get(self, var, default=None):
        _check_var(var)
        return self._data.get(var, default)

    def keys(self):
        return self._data.keys()

    def values(self):
        return self._data.values()

    def items(self):
        return self._data.items()

    def __eq__(self, other):
        if type(other) is not Context:
            return NotImplemented
        return self._data == other._data

    __hash__ = None


# CPython names this type "Token.MISSING": module "Token", name "MISSING".
_MISSING_TYPE = type("MISSING", (), {
    "__slots__": (),
    "__repr__": lambda self: "<Token.MISSING>",
    "__module__": "Token",
})
_MISSING = object.__new__(_MISSING_TYPE)
# No value: `ContextVar(default=...)` was not given.
_NO_DEFAULT = object()


class _ReadOnly:
    # A member that reads a slot and refuses writes (CPython's T_OBJECT
    # member with READONLY).
    __slots__ = ("_slot",)

    def __init__(self, slot):
        self._slot = slot

    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        return getattr(obj, self._slot)

    def __set__(self, obj, value):
        raise AttributeError("readonly attribute")

    def __delete__(self, obj):
        raise AttributeError("readonly attribute")


class ContextVar:
    __slots__ = ("_name", "_default", "__weakref__")
    __init_subclass__ = _no_subclass("ContextVar")

    def __new__(cls, name, *, default=_NO_DEFAULT):
        if not isinstance(name, str):
            raise TypeError("context variable name must be a str")
        self = object.__new__(cls)
        self._name = name
        self._default = default
        return self

    name = _ReadOnly("_name")

    def get(self, *args):
        if len(args) > 1:
            raise TypeError("get expected at most 1 argument, got %d"
                            % len(args))
        ctx = _current.get(_get_ident())
        if ctx is not None:
            value = ctx._data.get(self, _NO_DEFAULT)
            if value is not _NO_DEFAULT:
                return value
        if args:
            return args[0]
        if self._default is not _NO_DEFAULT:
            return self._default
        raise LookupError(self)

    def set(self, value):
        ctx = _current_context()
        data = ctx._data
        old = data.get(self, _MISSING)
        new = dict(data)
        new[self] = value
        ctx._data = new
        token = object.__new__(Token)
        token._ctx = ctx
        token._var = self
        token._old = old
        token._used = False
        return token

    def reset(self, token):
        if type(token) is not Token:
            raise TypeError("expected an instance of Token, got %r" % (token,))
        if token._used:
            raise RuntimeError("%r has already been used once" % (token,))
        if token._var is not self:
            raise ValueError("%r was created by a different ContextVar"
                             % (token,))
        ctx = _current_context()
        if token._ctx is not ctx:
            raise ValueError("%r was created in a different Context"
                             % (token,))
        token._used = True
        new = dict(ctx._data)
        if token._old is _MISSING:
            new.pop(self, None)
        else:
            new[self] = token._old
        ctx._data = new

    def __repr__(self):
        default = ""
        if self._default is not _NO_DEFAULT:
            default = " default=%r" % (self._default,)
        return "<ContextVar name=%r%s at 0x%x>" % (self._name, default,
                                                   id(self))

    def __class_getitem__(cls, item):
        from types import GenericAlias
        return GenericAlias(cls, item)


class Token:
    __slots__ = ("_ctx", "_var", "_old", "_used")
    __init_subclass__ = _no_subclass("Token")
    MISSING = _MISSING

    def __new__(cls, *args, **kwargs):
        raise RuntimeError("Tokens can only be created by ContextVars")

    @property
    def var(self):
        return self._var

    @property
    def old_value(self):
        return self._old

    def __repr__(self):
        used = " used" if self._used else ""
        return "<Token%s var=%r at 0x%x>" % (used, self._var, id(self))

    def __class_getitem__(cls, item):
        from types import GenericAlias
        return GenericAlias(cls, item)


for _cls in (Context, ContextVar, Token):
    _cls.__module__ = "_contextvars"
del _cls
