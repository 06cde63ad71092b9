# _codecs: the codec registry and error-handler registry under CPython's
# Lib/codecs.py and the encodings package, and the built-in codecs (UTF-8,
# ASCII, Latin-1) that encodings.utf_8, .ascii and .latin_1 call. The codecs
# run on the runtime's own str.encode and bytes.decode, which do the strict,
# ignore, replace, surrogateescape and surrogatepass handlers natively (str.encode and
# bytes.decode keep their fast path and never consult this registry); the
# other handlers (backslashreplace, xmlcharrefreplace, namereplace, and the
# ones registered with register_error) are applied here, one bad character
# or byte sequence at a time.

_search_functions = []
_cache = {}

_NATIVE_HANDLERS = ("strict", "ignore", "replace", "surrogateescape", "surrogatepass")


def register(search_function):
    if not callable(search_function):
        raise TypeError("argument must be callable")
    _search_functions.append(search_function)


def unregister(search_function):
    if search_function in _search_functions:
        _search_functions.remove(search_function)
    _cache.clear()


def _normalize(encoding):
    return encoding.lower().replace(" ", "_")


def lookup(encoding):
    if not isinstance(encoding, str):
        raise TypeError(f"lookup() argument must be str, not {type(encoding).__name__}")
    key = _normalize(encoding)
    found = _cache.get(key)
    if found is not None:
        return found
    if not _search_functions:
        # As CPython's registry: the encodings package registers its search
        # function when first needed.
        import encodings
    for search in _search_functions:
        found = search(key)
        if found is not None:
            if not isinstance(found, tuple) or len(found) != 4:
                raise TypeError("codec search functions must return 4-tuples")
            _cache[key] = found
            return found
    raise LookupError(f"unknown encoding: {encoding}")


def _forget_codec(encoding):
    _cache.pop(_normalize(encoding), None)


def encode(obj, encoding="utf-8", errors="strict"):
    result = lookup(encoding)[0](obj, errors)
    if not isinstance(result, tuple) or len(result) != 2:
        raise TypeError("encoder must return a tuple (object, integer)")
    return result[0]


def decode(obj, encoding="utf-8", errors="strict"):
    result = lookup(encoding)[1](obj, errors)
    if not isinstance(result, tuple) or len(result) != 2:
        raise TypeError("decoder must return a tuple (object, integer)")
    return result[0]


# ---- the exceptions handed to error handlers ----

def _error_class(base, verb):
    """`base` (UnicodeEncodeError or UnicodeDecodeError) with CPython's
    attributes (`encoding`, `object`, `start`, `end`, `reason`) and message,
    which an error handler reads; the runtime's own classes keep only
    `args`."""

    def __init__(self, encoding, object, start, end, reason):
        # `args` is set by the exception's __new__.
        self.encoding = encoding
        self.object = object
        self.start = start
        self.end = end
        self.reason = reason

    def __str__(self):
        if self.end == self.start + 1:
            item = self.object[self.start]
            if verb == "encode":
                what = "character '%s'" % _escape(item)
            else:
                what = "byte 0x%02x" % item
        else:
            what = "%s in position %d-%d" % (
                "characters" if verb == "encode" else "bytes", self.start, self.end - 1)
            return "'%s' codec can't %s %s: %s" % (self.encoding, verb, what, self.reason)
        return "'%s' codec can't %s %s in position %d: %s" % (
            self.encoding, verb, what, self.start, self.reason)

    cls = type(base.__name__, (base,), {"__init__": __init__, "__str__": __str__})
    cls.__module__ = "builtins"
    return cls


_EncodeError = _error_class(UnicodeEncodeError, "encode")
_DecodeError = _error_class(UnicodeDecodeError, "decode")


# ---- error handlers ----

def strict_errors(exc):
    if isinstance(exc, BaseException):
        raise exc
    raise TypeError("codec must pass exception instance")


def _check_exc(exc):
    if not isinstance(exc, (UnicodeEncodeError, UnicodeDecodeError, UnicodeTranslateError)):
        raise TypeError(f"don't know how to handle {type(exc).__name__} in error callback")


def ignore_errors(exc):
    _check_exc(exc)
    return ("", exc.end)


def replace_errors(exc):
    _check_exc(exc)
    if isinstance(exc, UnicodeEncodeError):
        return ("?" * (exc.end - exc.start), exc.end)
    return ("\ufffd" * (1 if isinstance(exc, UnicodeDecodeError) else exc.end - exc.start),
            exc.end)


def _escape(c):
    n = ord(c)
    if n < 0x100:
        return "\\x%02x" % n
    if n < 0x10000:
        return "\\u%04x" % n
    return "\\U%08x" % n


def backslashreplace_errors(exc):
    _check_exc(exc)
    if isinstance(exc, UnicodeDecodeError):
        return ("".join("\\x%02x" % b for b in exc.object[exc.start:exc.end]), exc.end)
    return ("".join(_escape(c) for c in exc.object[exc.start:exc.end]), exc.end)


def xmlcharrefreplace_errors(exc):
    if not isinstance(exc, UnicodeEncodeError):
        raise TypeError(f"don't know how to handle {type(exc).__name__} in error callback")
    return ("".join("&#%d;" % ord(c) for c in exc.object[exc.start:exc.end]), exc.end)


def namereplace_errors(exc):
    if not isinstance(exc, UnicodeEncodeError):
        raise TypeError(f"don't know how to handle {type(exc).__name__} in error callback")
    try:
        import unicodedata
    except ImportError:
        unicodedata = None
    out = []
    for c in exc.object[exc.start:exc.end]:
        name = unicodedata.name(c, None) if unicodedata is not None else None
        out.append("\\N{%s}" % name if name else _escape(c))
    return ("".join(out), exc.end)


def surrogateescape_errors(exc):
    # A str of this runtime holds no lone surrogates: nothing to escape to
    # or from, so the bad input is an error as under "strict".
    raise exc


def surrogatepass_errors(exc):
    raise exc


_handlers = {
    "strict": strict_errors,
    "ignore": ignore_errors,
    "replace": replace_errors,
    "backslashreplace": backslashreplace_errors,
    "xmlcharrefreplace": xmlcharrefreplace_errors,
    "namereplace": namereplace_errors,
    "surrogateescape": surrogateescape_errors,
    "surrogatepass": surrogatepass_errors,
}


def register_error(errors, handler):
    if not isinstance(errors, str):
        raise TypeError(f"register_error() argument 1 must be str, not {type(errors).__name__}")
    if not callable(handler):
        raise TypeError("handler must be callable")
    _handlers[errors] = handler


def lookup_error(name):
    if not isinstance(name, str):
        raise TypeError(f"lookup_error() argument must be str, not {type(name).__name__}")
    try:
        return _handlers[name]
    except KeyError:
        raise LookupError(f"unknown error handler name '{name}'") from None


# ---- the built-in codecs ----

def _errors(errors):
    if errors is None:
        return "strict"
    if not isinstance(errors, str):
        raise TypeError(f"argument 'errors' must be str or None, not {type(errors).__name__}")
    return errors


def _limit(encoding):
    return 0x80 if encoding == "ascii" else 0x100


def _encode(encoding, s, errors):
    if not isinstance(s, str):
        raise TypeError(f"{encoding.replace('-', '_')}_encode() argument 1 must be str, "
                        f"not {type(s).__name__}")
    errors = _errors(errors)
    if errors in _NATIVE_HANDLERS or encoding == "utf-8":
        return s.encode(encoding, errors if errors in _NATIVE_HANDLERS else "strict"), len(s)
    # One unencodable run at a time through the handler.
    limit = _limit(encoding)
    handler = lookup_error(errors)
    out = bytearray()
    i = 0
    n = len(s)
    while i < n:
        c = s[i]
        if ord(c) < limit:
            out.append(ord(c))
            i += 1
            continue
        end = i + 1
        while end < n and ord(s[end]) >= limit:
            end += 1
        reason = "ordinal not in range(%d)" % limit
        exc = _EncodeError(encoding, s, i, end, reason)
        replacement, i = handler(exc)
        if i < 0:
            i += n
        if isinstance(replacement, str):
            for r in replacement:
                if ord(r) >= limit:
                    raise exc
            out += replacement.encode(encoding)
        else:
            out += replacement
    return bytes(out), len(s)


def _utf8_bad_length(data, i):
    """How long the invalid sequence at `data[i]` is (CPython's maximal
    subpart), and why it is invalid."""
    b = data[i]
    if b < 0xC2 or b > 0xF4:
        return 1, "invalid start byte"
    need = 1 if b < 0xE0 else 2 if b < 0xF0 else 3
    lo, hi = 0x80, 0xBF
    if b == 0xE0:
        lo = 0xA0
    elif b == 0xED:
        hi = 0x9F
    elif b == 0xF0:
        lo = 0x90
    elif b == 0xF4:
        hi = 0x8F
    j = i + 1
    for k in range(need):
        if j >= len(data):
            return j - i, "unexpected end of data"
        if not lo <= data[j] <= hi:
            return j - i, "invalid continuation byte"
        lo, hi = 0x80, 0xBF
        j += 1
    return j - i, "invalid continuation byte"


def _decode(encoding, data, errors, final=True):
    errors = _errors(errors)
    data = bytes(memoryview(data))
    if encoding == "utf-8" and not final:
        # Keep a character cut at the end for the next call.
        n = len(data)
        for back in range(1, min(4, n + 1)):
            b = data[n - back]
            if b < 0x80:
                break
            if b >= 0xC0:
                need = 2 if b < 0xE0 else 3 if b < 0xF0 else 4
                if need > back and b <= 0xF4:
                    bad, _ = _utf8_bad_length(data, n - back)
                    if bad == back:
                        data = data[:n - back]
                break
    if errors in _NATIVE_HANDLERS:
        return data.decode(encoding, errors), len(data)
    handler = lookup_error(errors)
    out = []
    i = 0
    n = len(data)
    while i < n:
        try:
            out.append(data[i:].decode(encoding))
            break
        except UnicodeDecodeError as e:
            # The runtime's message names the position of the first bad byte.
            bad = int(str(e).split(" in position ")[1].split(":")[0].split("-")[0]) + i
        out.append(data[i:bad].decode(encoding))
        if encoding == "utf-8":
            length, reason = _utf8_bad_length(data, bad)
        else:
            length, reason = 1, "ordinal not in range(128)"
        exc = _DecodeError(encoding, data, bad, bad + length, reason)
        replacement, i = handler(exc)
        if i < 0:
            i += n
        out.append(replacement)
    return "".join(out), len(data)


def utf_8_encode(str, errors=None):
    return _encode("utf-8", str, errors)


def utf_8_decode(data, errors=None, final=False):
    return _decode("utf-8", data, errors, final)


def ascii_encode(str, errors=None):
    return _encode("ascii", str, errors)


def ascii_decode(data, errors=None):
    return _decode("ascii", data, errors)


def latin_1_encode(str, errors=None):
    return _encode("latin-1", str, errors)


def latin_1_decode(data, errors=None):
    return _decode("latin-1", data, errors)


class _BuiltinFunction:
    """A function that does not bind as a method when stored in a class, as
    CPython's built-in functions: encodings.latin_1's `Codec.encode =
    codecs.latin_1_encode` is called with the text first."""

    __slots__ = ("_function", "__name__", "__qualname__")

    def __init__(self, function):
        self._function = function
        self.__name__ = self.__qualname__ = function.__name__

    def __call__(self, *args, **kwargs):
        return self._function(*args, **kwargs)

    def __repr__(self):
        return f"<built-in function {self.__name__}>"

    def __reduce__(self):
        # Pickled by name, as a built-in function is (pickle stores
        # `codecs.encode` so for bytes under protocols 2 and below).
        return self.__qualname__


for _name in ("register", "unregister", "lookup", "encode", "decode", "register_error",
              "lookup_error", "strict_errors", "ignore_errors", "replace_errors",
              "backslashreplace_errors", "xmlcharrefreplace_errors", "namereplace_errors",
              "surrogateescape_errors", "surrogatepass_errors", "utf_8_encode",
              "utf_8_decode", "ascii_encode", "ascii_decode", "latin_1_encode",
              "latin_1_decode", "_forget_codec"):
    globals()[_name] = _BuiltinFunction(globals()[_name])
for _name in list(_handlers):
    _handlers[_name] = globals()[_name + "_errors"]
del _name
