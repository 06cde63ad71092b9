# _weakref: what the standard library imports under this name (collections'
# OrderedDict links its nodes with proxies). `ref` and its functions are the
# weakref module's; `proxy` is written here over `ref`, as an object that
# forwards every use to its referent and raises ReferenceError once the
# referent is gone.
from weakref import ref, ReferenceType, getweakrefcount, getweakrefs


def _referent(p):
    target = object.__getattribute__(p, "_ref")()
    if target is None:
        raise ReferenceError("weakly-referenced object no longer exists")
    return target


class ProxyType:
    __slots__ = ("_ref", "__weakref__")

    def __init__(self, obj, callback=None):
        if callback is None:
            object.__setattr__(self, "_ref", ref(obj))
        else:
            me = ref(self)
            object.__setattr__(self, "_ref", ref(obj, lambda _r: callback(me())))

    def __getattribute__(self, name):
        return getattr(_referent(self), name)

    def __setattr__(self, name, value):
        setattr(_referent(self), name, value)

    def __delattr__(self, name):
        delattr(_referent(self), name)

    def __repr__(self):
        target = object.__getattribute__(self, "_ref")()
        if target is None:
            return "<weakproxy at %#x; dead>" % id(self)
        return "<weakproxy at %#x; to '%s' at %#x>" % (id(self), type(target).__name__, id(target))

    def __str__(self):
        return str(_referent(self))

    def __bool__(self):
        return bool(_referent(self))

    def __len__(self):
        return len(_referent(self))

    def __iter__(self):
        return iter(_referent(self))

    def __contains__(self, item):
        return item in _referent(self)

    def __getitem__(self, key):
        return _referent(self)[key]

    def __setitem__(self, key, value):
        _referent(self)[key] = value

    def __delitem__(self, key):
        del _referent(self)[key]

    def __eq__(self, other):
        return _referent(self) == other

    def __ne__(self, other):
        return _referent(self) != other

    __hash__ = None


class CallableProxyType(ProxyType):
    __slots__ = ()

    def __call__(self, *args, **kwargs):
        return _referent(self)(*args, **kwargs)


# CPython 3.11's names for them: `weakref.ProxyType`...
ProxyType.__module__ = CallableProxyType.__module__ = "weakref"


def proxy(obj, callback=None):
    if callable(obj):
        return CallableProxyType(obj, callback)
    return ProxyType(obj, callback)


def _remove_dead_weakref(d, key):
    wr = d.get(key)
    if wr is not None and wr() is None:
        del d[key]
