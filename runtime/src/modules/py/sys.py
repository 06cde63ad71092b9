# sys.stdout and sys.stderr: text streams over the runtime's output, which
# the embedding API may capture. Writes go through sys._write, so they
# interleave with print() exactly as print's own output does.


class TextIOWrapper:
    def __init__(self, fd, name):
        self._fd = fd
        self.name = name
        self.mode = "w"
        self.encoding = "utf-8"

    def write(self, text):
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


# What the standard library reads to know the interpreter it runs on. The
# language and library are CPython 3.11's; the implementation is this one.
class _VersionInfo(tuple):
    __slots__ = ()
    major = property(lambda self: self[0])
    minor = property(lambda self: self[1])
    micro = property(lambda self: self[2])
    releaselevel = property(lambda self: self[3])
    serial = property(lambda self: self[4])

    def __repr__(self):
        return ("sys.version_info(major=%d, minor=%d, micro=%d, releaselevel=%r, serial=%d)"
                % tuple(self))


_VersionInfo.__name__ = _VersionInfo.__qualname__ = "version_info"
version_info = _VersionInfo((3, 11, 0, "final", 0))
del _VersionInfo
hexversion = 0x030B00F0
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


def intern(string):
    if type(string) is not str:
        raise TypeError("intern() argument must be str, not " + type(string).__name__)
    return string


def getdefaultencoding():
    return "utf-8"


def getfilesystemencoding():
    return "utf-8"
