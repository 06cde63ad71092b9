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
