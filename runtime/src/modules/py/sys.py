# sys.stdout and sys.stderr: text streams over the runtime's output, which
# the embedding API may capture. Writes go through sys._write, so they
# interleave with print() exactly as print's own output does.


class TextIOWrapper:
    def __init__(self, fd, name):
        self._fd = fd
        self.name = name
        self.mode = "w"
        self.encoding = "utf-8"

    closed = False

    def write(self, text):
        if self.closed:
            raise ValueError("I/O operation on closed file.")
        if not isinstance(text, str):
            raise TypeError("write() argument must be str, not " + type(text).__name__)
        return _write(self._fd, text)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        _flush(self._fd)

    def fileno(self):
        return self._fd

    def close(self):
        # The runtime's writer stays open for print(); this stream refuses
        # further writes, as a closed CPython stream does.
        if not self.closed:
            self.flush()
            self.closed = True

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def writable(self):
        return True

    def readable(self):
        return False

    def __repr__(self):
        return "<_io.TextIOWrapper name='" + self.name + "' mode='w' encoding='utf-8'>"


TextIOWrapper.__module__ = "_io"
stdout = __stdout__ = TextIOWrapper(1, "<stdout>")
stderr = __stderr__ = TextIOWrapper(2, "<stderr>")
del TextIOWrapper


def __getattr__(name):
    # sys.stdin is made on first use: it is CPython's _io stack over file
    # descriptor 0, and programs that never read it should not pay for
    # importing _io at startup.
    if name in ("stdin", "__stdin__"):
        import _io
        raw = _io.FileIO(0, "r", closefd=False)
        raw.name = "<stdin>"
        stream = _io.TextIOWrapper(_io.BufferedReader(raw), encoding="utf-8")
        namespace = globals()
        namespace.setdefault("stdin", stream)
        namespace.setdefault("__stdin__", stream)
        return namespace[name]
    raise AttributeError("module 'sys' has no attribute " + repr(name))


# What the standard library reads to know the interpreter it runs on. The
# language and library are CPython 3.11's; the implementation is this one.
def _structseq(name, fields, values):
    """A named tuple as CPython's structseq types (sys.flags...): indexable,
    with a read-only attribute per field and the repr `sys.name(f=v, ...)`."""

    def __repr__(self):
        items = ", ".join(f + "=" + repr(v) for f, v in zip(fields, self))
        return "sys." + name + "(" + items + ")"

    namespace = {"__slots__": (), "__repr__": __repr__, "n_fields": len(fields),
                 "n_sequence_fields": len(fields), "n_unnamed_fields": 0}
    for i, f in enumerate(fields):
        namespace[f] = property(lambda self, i=i: self[i])
    cls = type(name, (tuple,), namespace)
    cls.__module__ = "sys"
    return cls(values)


version_info = _structseq(
    "version_info", ("major", "minor", "micro", "releaselevel", "serial"),
    (3, 11, 0, "final", 0))
flags = _structseq(
    "flags",
    ("debug", "inspect", "interactive", "optimize", "dont_write_bytecode",
     "no_user_site", "no_site", "ignore_environment", "verbose", "bytes_warning",
     "quiet", "hash_randomization", "isolated", "dev_mode", "utf8_mode",
     "warn_default_encoding", "safe_path", "int_max_str_digits"),
    (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, False, 0, 0, False, -1))
float_info = _structseq(
    "float_info",
    ("max", "max_exp", "max_10_exp", "min", "min_exp", "min_10_exp", "dig",
     "mant_dig", "epsilon", "radix", "rounds"),
    (1.7976931348623157e+308, 1024, 308, 2.2250738585072014e-308, -1021, -307,
     15, 53, 2.220446049250313e-16, 2, 1))
int_info = _structseq(
    "int_info",
    ("bits_per_digit", "sizeof_digit", "default_max_str_digits",
     "str_digits_check_threshold"),
    (30, 4, 4300, 640))
hash_info = _structseq(
    "hash_info",
    ("width", "modulus", "inf", "nan", "imag", "algorithm", "hash_bits",
     "seed_bits", "cutoff"),
    (64, 2305843009213693951, 314159, 0, 1000003, "siphash13", 64, 128, 0))
_asyncgen_hooks_type = type(_structseq(
    "asyncgen_hooks", ("firstiter", "finalizer"), (None, None)))
del _structseq


# The async generator hooks (asyncio sets them while its loop runs). They
# are kept, per runtime, and reported back; async generators here do not
# call them yet (CPython calls firstiter on the first iteration and
# finalizer when an unfinished one is collected).
_asyncgen_firstiter = None
_asyncgen_finalizer = None
_NOT_GIVEN = object()


def get_asyncgen_hooks():
    return _asyncgen_hooks_type((_asyncgen_firstiter, _asyncgen_finalizer))


def set_asyncgen_hooks(firstiter=_NOT_GIVEN, finalizer=_NOT_GIVEN):
    global _asyncgen_firstiter, _asyncgen_finalizer
    for name, hook in (("firstiter", firstiter), ("finalizer", finalizer)):
        if hook is not _NOT_GIVEN and hook is not None and not callable(hook):
            raise TypeError("callable %s expected, got %s"
                            % (name, type(hook).__name__))
    if firstiter is not _NOT_GIVEN:
        _asyncgen_firstiter = firstiter
    if finalizer is not _NOT_GIVEN:
        _asyncgen_finalizer = finalizer
hexversion = 0x030B00F0
abiflags = ""
version = "3.11.0 (gilgamesh)"
api_version = 1013
maxunicode = 0x10FFFF
float_repr_style = "short"


class SimpleNamespace:
    """A plain attribute container (types.SimpleNamespace)."""

    def __init__(self, mapping=None, /, **kwargs):
        if mapping is not None:
            kwargs = {**dict(mapping), **kwargs}
        for key, value in kwargs.items():
            if not isinstance(key, str):
                raise TypeError("keywords must be strings")
            setattr(self, key, value)

    def __repr__(self):
        items = ("{}={!r}".format(k, v) for k, v in self.__dict__.items())
        name = "namespace" if type(self) is SimpleNamespace else type(self).__name__
        return "{}({})".format(name, ", ".join(items))

    def __eq__(self, other):
        if isinstance(self, SimpleNamespace) and isinstance(other, SimpleNamespace):
            return self.__dict__ == other.__dict__
        return NotImplemented


SimpleNamespace.__module__ = "types"
implementation = SimpleNamespace(name="gilgamesh", cache_tag=None, version=version_info,
                                 hexversion=hexversion)
del SimpleNamespace


_interned = {}


def intern(string):
    # The first string of each value is the interned one; dict.setdefault
    # is atomic in every mode, so racing threads get the same object.
    if type(string) is not str:
        raise TypeError("intern() argument must be str, not " + type(string).__name__)
    return _interned.setdefault(string, string)


def getdefaultencoding():
    return "utf-8"


def getfilesystemencoding():
    return "utf-8"


# Start-up settings: no -W or -X options, no bytecode written, no audit
# hooks (so auditing an event does nothing, as in CPython without hooks).
warnoptions = []
_xoptions = {}
dont_write_bytecode = True
platlibdir = "lib"
_audit_hooks = []


def audit(event, *args):
    if type(event) is not str:
        raise TypeError("expected str for argument 'event', not " + type(event).__name__)
    for hook in _audit_hooks:
        hook(event, args)


def addaudithook(hook):
    _audit_hooks.append(hook)


def getfilesystemencodeerrors():
    return "surrogateescape"


def is_finalizing():
    return False


def gettrace():
    return None


def getprofile():
    return None
