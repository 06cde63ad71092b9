# Struct sequences (CPython's PyStructSequence): tuples whose items also
# have names, with named fields that are not part of the tuple. Used for
# os.stat_result, time.struct_time, os.terminal_size and the like.


def structseq(qualified_name, fields, n_sequence_fields, unnamed=()):
    """A struct sequence class. `fields` names the fields in order,
    `n_sequence_fields` of them visible as tuple items; `unnamed` lists
    the visible positions that have no name (they come after the named
    visible ones and do not count in `fields`)."""
    module, _, name = qualified_name.rpartition(".")
    n_named_visible = n_sequence_fields - len(unnamed)
    n_fields = len(fields) + len(unnamed)
    visible = list(fields[:n_named_visible]) + [None] * len(unnamed)
    hidden = tuple(fields[n_named_visible:])

    def __new__(cls, sequence, dict=None):
        items = tuple(sequence)
        n = len(items)
        if n < n_sequence_fields:
            if n_sequence_fields == n_fields:
                raise TypeError(f"{qualified_name}() takes a {n_sequence_fields}-sequence ({n}-sequence given)")
            raise TypeError(f"{qualified_name}() takes an at least {n_sequence_fields}-sequence ({n}-sequence given)")
        if n > n_fields:
            if n_sequence_fields == n_fields:
                raise TypeError(f"{qualified_name}() takes a {n_fields}-sequence ({n}-sequence given)")
            raise TypeError(f"{qualified_name}() takes an at most {n_fields}-sequence ({n}-sequence given)")
        self = tuple.__new__(cls, items[:n_sequence_fields])
        extra = list(items[n_sequence_fields:])
        for field in hidden[len(extra):]:
            extra.append(None if dict is None else dict.get(field))
        self._extra = tuple(extra)
        return self

    def __repr__(self):
        # CPython pairs the visible items with the field names in order,
        # so unnamed items show under the names that follow them.
        shown = ", ".join(f"{field}={value!r}" for field, value in zip(fields, self))
        return f"{qualified_name}({shown})"

    def __reduce__(self):
        return (type(self), (tuple(self), dict(zip(hidden, self._extra))))

    namespace = {
        "__new__": __new__,
        "__repr__": __repr__,
        "__reduce__": __reduce__,
        "__module__": module,
        "__qualname__": name,
        "__match_args__": tuple(f for f in visible if f is not None),
        "n_sequence_fields": n_sequence_fields,
        "n_fields": n_fields,
        "n_unnamed_fields": len(unnamed),
    }
    for i, field in enumerate(visible):
        if field is not None:
            namespace[field] = property(lambda self, i=i: tuple.__getitem__(self, i))
    for i, field in enumerate(hidden):
        namespace[field] = property(lambda self, i=i: self._extra[i])
    return type(name, (tuple,), namespace)
