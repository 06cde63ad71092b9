# abc's Python part: what the library calls beside ABCMeta, ABC and
# abstractmethod (which are native, runtime/src/modules/abc.rs).


def update_abstractmethods(cls):
    """Recompute an abstract class's __abstractmethods__ after methods were
    added or replaced on it (dataclasses does this); other classes are
    returned unchanged."""
    if not hasattr(cls, "__abstractmethods__"):
        return cls
    names = set()
    # Abstract names inherited and still not overridden...
    for base in cls.__bases__:
        for name in getattr(base, "__abstractmethods__", ()):
            if getattr(getattr(cls, name, None), "__isabstractmethod__", False):
                names.add(name)
    # ...and the class's own abstract attributes.
    for name, value in cls.__dict__.items():
        if getattr(value, "__isabstractmethod__", False):
            names.add(name)
    cls.__abstractmethods__ = frozenset(names)
    return cls


# ABCMeta's checks are Python methods of this module that call the native
# ones, as in CPython (abc.py over _abc): code that looks at its callers'
# frames, such as typing's `_allow_reckless_class_checks`, finds them.
_abc_instancecheck = ABCMeta.__instancecheck__
_abc_subclasscheck = ABCMeta.__subclasscheck__


def __instancecheck__(cls, instance):
    """Override for isinstance(instance, cls)."""
    return _abc_instancecheck(cls, instance)


def __subclasscheck__(cls, subclass):
    """Override for issubclass(subclass, cls)."""
    return _abc_subclasscheck(cls, subclass)


for _f in (__instancecheck__, __subclasscheck__):
    _f.__qualname__ = "ABCMeta." + _f.__name__
    setattr(ABCMeta, _f.__name__, _f)
del _f, __instancecheck__, __subclasscheck__
