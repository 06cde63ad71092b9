# _io: the layers of CPython's io module (raw files, buffers, text), written
# for this runtime from the io module's documented behaviour. CPython's own
# Lib/io.py imports this module unchanged and builds its ABCs on the base
# classes here. Raw files are file descriptors of the posix module, whose
# read and write detach from the runtime (release the GIL) while they block.
# Every object keeps its state behind a lock of its own where threads may
# share it (StringIO, BytesIO, the buffered layers), so that concurrent
# writes are never lost, as under CPython's GIL.
import posix as _posix
from threading import Lock as _Lock

DEFAULT_BUFFER_SIZE = 8192
BlockingIOError = BlockingIOError


class UnsupportedOperation(OSError, ValueError):
    pass


def _closed_error(message="I/O operation on closed file."):
    return ValueError(message)


def _index(value):
    if value is None:
        return None
    if not hasattr(type(value), "__index__"):
        raise TypeError(f"'{type(value).__name__}' object cannot be interpreted as an integer")
    return value.__index__()


def _size(size):
    """A read size argument: None or an int (negative: everything)."""
    if size is None:
        return -1
    if not hasattr(type(size), "__index__"):
        raise TypeError(
            f"argument should be integer or None, not '{type(size).__name__}'")
    return size.__index__()


class _IOBase:
    # Set explicitly: io.py copies it, and this runtime's compiler does not
    # bind a class docstring to __doc__.
    __doc__ = "The base class of all I/O classes."

    def seek(self, pos, whence=0):
        raise UnsupportedOperation("seek")

    def tell(self):
        return self.seek(0, 1)

    def truncate(self, pos=None):
        raise UnsupportedOperation("truncate")

    def flush(self):
        self._checkClosed()

    def close(self):
        if not getattr(self, "_IOBase__closed", False):
            try:
                self.flush()
            finally:
                self.__closed = True

    def __del__(self):
        # As CPython's finalizer: close an open stream, silently.
        try:
            closed = self.closed
        except Exception:
            return
        if not closed:
            try:
                self.close()
            except Exception:
                pass

    def seekable(self):
        return False

    def readable(self):
        return False

    def writable(self):
        return False

    @property
    def closed(self):
        return getattr(self, "_IOBase__closed", False)

    def _checkClosed(self, msg=None):
        if self.closed:
            raise _closed_error(msg or "I/O operation on closed file.")

    def _checkSeekable(self, msg=None):
        if not self.seekable():
            raise UnsupportedOperation("File or stream is not seekable." if msg is None else msg)

    def _checkReadable(self, msg=None):
        if not self.readable():
            raise UnsupportedOperation("File or stream is not readable." if msg is None else msg)

    def _checkWritable(self, msg=None):
        if not self.writable():
            raise UnsupportedOperation("File or stream is not writable." if msg is None else msg)

    def __enter__(self):
        self._checkClosed()
        return self

    def __exit__(self, *args):
        self.close()

    def fileno(self):
        raise UnsupportedOperation("fileno")

    def isatty(self):
        self._checkClosed()
        return False

    def readline(self, size=-1):
        size = _size(size)
        peek = getattr(self, "peek", None)
        res = bytearray()
        while size < 0 or len(res) < size:
            n = 1
            if peek is not None:
                ahead = peek(1)
                if ahead:
                    end = ahead.find(b"\n") + 1
                    n = end if end > 0 else len(ahead)
                    if size >= 0:
                        n = min(n, size - len(res))
            b = self.read(n)
            if not isinstance(b, (bytes, bytearray)):
                if b is None:
                    break
                raise OSError(f"read() should have returned a bytes object, not '{type(b).__name__}'")
            if not b:
                break
            res += b
            if res.endswith(b"\n"):
                break
        return bytes(res)

    def __iter__(self):
        self._checkClosed()
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def readlines(self, hint=None):
        hint = _size(hint)
        if hint <= 0:
            return list(self)
        lines = []
        total = 0
        for line in self:
            lines.append(line)
            total += len(line)
            if total >= hint:
                break
        return lines

    def writelines(self, lines):
        self._checkClosed()
        for line in lines:
            self.write(line)


class _RawIOBase(_IOBase):
    __doc__ = "The base class of raw binary I/O."

    def read(self, size=-1):
        size = _size(size)
        if size < 0:
            return self.readall()
        b = bytearray(size)
        n = self.readinto(b)
        if n is None:
            return None
        del b[n:]
        return bytes(b)

    def readall(self):
        res = bytearray()
        while True:
            data = self.read(DEFAULT_BUFFER_SIZE)
            if not data:
                break
            res += data
        if not res and data is None:
            return None
        return bytes(res)

    def readinto(self, b):
        raise NotImplementedError

    def write(self, b):
        raise NotImplementedError


class _BufferedIOBase(_IOBase):
    __doc__ = "The base class of buffered binary I/O."

    def read(self, size=-1):
        raise UnsupportedOperation("read")

    def read1(self, size=-1):
        raise UnsupportedOperation("read1")

    def write(self, b):
        raise UnsupportedOperation("write")

    def detach(self):
        raise UnsupportedOperation("detach")

    def readinto(self, b):
        return self._readinto(b, self.read)

    def readinto1(self, b):
        return self._readinto(b, self.read1)

    def _readinto(self, b, read):
        view = memoryview(b)
        data = read(len(view))
        n = len(data)
        b[:n] = data
        return n


class _TextIOBase(_IOBase):
    __doc__ = "The base class of text I/O."

    def read(self, size=-1):
        raise UnsupportedOperation("read")

    def readline(self, size=-1):
        raise UnsupportedOperation("readline")

    def write(self, s):
        raise UnsupportedOperation("write")

    def detach(self):
        raise UnsupportedOperation("detach")

    @property
    def encoding(self):
        return None

    @property
    def newlines(self):
        return None

    @property
    def errors(self):
        return None


# ---- in-memory streams ----

class BytesIO(_BufferedIOBase):
    """A binary stream in memory."""

    def __init__(self, initial_bytes=None):
        self._lock = _Lock()
        self._buf = bytearray()
        if initial_bytes is not None:
            if isinstance(initial_bytes, str):
                raise TypeError(
                    f"a bytes-like object is required, not '{type(initial_bytes).__name__}'")
            self._buf += memoryview(initial_bytes)
        self._pos = 0
        self._closed = False

    def __repr__(self):
        return object.__repr__(self)

    @property
    def closed(self):
        return self._closed

    def _check(self):
        if self._closed:
            raise ValueError("I/O operation on closed file.")

    def close(self):
        self._closed = True

    def __del__(self):
        pass

    def getvalue(self):
        with self._lock:
            self._check()
            return bytes(self._buf)

    def getbuffer(self):
        self._check()
        return memoryview(self._buf)

    def readable(self):
        self._check()
        return True

    writable = seekable = readable

    def flush(self):
        self._check()

    def isatty(self):
        self._check()
        return False

    def read(self, size=-1):
        size = _size(size)
        with self._lock:
            self._check()
            pos = self._pos
            end = len(self._buf)
            if size >= 0:
                end = min(end, pos + size)
            if pos >= end:
                return b""
            self._pos = end
            return bytes(self._buf[pos:end])

    read1 = read

    def readline(self, size=-1):
        size = _size(size)
        with self._lock:
            self._check()
            pos = self._pos
            end = self._buf.find(b"\n", pos) + 1
            if end <= 0:
                end = len(self._buf)
            if size >= 0:
                end = min(end, pos + size)
            if pos >= end:
                return b""
            self._pos = end
            return bytes(self._buf[pos:end])

    def readinto(self, b):
        view = memoryview(b)
        data = self.read(len(view))
        n = len(data)
        b[:n] = data
        return n

    readinto1 = readinto

    def write(self, b):
        if isinstance(b, str):
            raise TypeError(f"a bytes-like object is required, not '{type(b).__name__}'")
        data = bytes(memoryview(b))
        with self._lock:
            self._check()
            n = len(data)
            if n == 0:
                return 0
            pos = self._pos
            size = len(self._buf)
            if pos > size:
                self._buf += bytes(pos - size)
            self._buf[pos:pos + n] = data
            self._pos = pos + n
            return n

    def seek(self, pos, whence=0):
        pos = _index(pos)
        with self._lock:
            self._check()
            if whence == 0:
                if pos < 0:
                    raise ValueError(f"negative seek value {pos}")
            elif whence == 1:
                pos = max(0, self._pos + pos)
            elif whence == 2:
                pos = max(0, len(self._buf) + pos)
            else:
                raise ValueError(f"invalid whence ({whence}, should be 0, 1 or 2)")
            self._pos = pos
            return pos

    def tell(self):
        self._check()
        return self._pos

    def truncate(self, size=None):
        with self._lock:
            self._check()
            if size is None:
                size = self._pos
            else:
                size = _index(size)
                if size < 0:
                    raise ValueError(f"negative size value {size}")
            del self._buf[size:]
            return size


_NEWLINES = (None, "", "\n", "\r", "\r\n")


def _check_newline(newline, shown=repr):
    if newline is not None and not isinstance(newline, str):
        raise TypeError(f"newline must be str or None, not {type(newline).__name__}")
    if newline not in _NEWLINES:
        raise ValueError(f"illegal newline value: {shown(newline)}")


def _find_line_end(text, start, readuniversal, readtranslate, readnl, final=True):
    """The end (exclusive) of the line of `text` that starts at `start`, or
    -1 when it has no end yet. A '\\r' last in a universal-newline stream that
    is not `final` has no end yet: a '\\n' may follow."""
    if readtranslate:
        i = text.find("\n", start)
        return -1 if i < 0 else i + 1
    if readuniversal:
        n = text.find("\n", start)
        r = text.find("\r", start)
        if r < 0:
            return -1 if n < 0 else n + 1
        if 0 <= n < r:
            return n + 1
        if r + 1 < len(text):
            return r + 2 if text[r + 1] == "\n" else r + 1
        return r + 1 if final else -1
    i = text.find(readnl, start)
    return -1 if i < 0 else i + len(readnl)


class StringIO(_TextIOBase):
    """A text stream in memory."""

    def __init__(self, initial_value="", newline="\n"):
        _check_newline(newline)
        if initial_value is not None and not isinstance(initial_value, str):
            raise TypeError(
                f"initial_value must be str or None, not {type(initial_value).__name__}")
        self._lock = _Lock()
        self._readuniversal = not newline
        self._readtranslate = newline is None
        self._readnl = newline
        self._writenl = newline if newline in ("\r", "\r\n") else None
        self._decoder = IncrementalNewlineDecoder(None, newline is None) if not newline else None
        # The text is `_buf` followed by the pieces in `_tail` (appends are
        # collected and joined when the text is next read).
        self._buf = ""
        self._tail = []
        self._len = 0
        self._pos = 0
        self._closed = False
        if initial_value:
            self._write(initial_value)
            self._pos = 0

    def __repr__(self):
        return object.__repr__(self)

    def __del__(self):
        pass

    @property
    def closed(self):
        return self._closed

    def close(self):
        self._closed = True

    def _check(self):
        if self._closed:
            raise ValueError("I/O operation on closed file")

    def _text(self):
        if self._tail:
            self._buf = self._buf + "".join(self._tail)
            self._tail = []
        return self._buf

    def readable(self):
        self._check()
        return True

    writable = seekable = readable

    def flush(self):
        self._check()

    def isatty(self):
        self._check()
        return False

    @property
    def line_buffering(self):
        self._check()
        return False

    @property
    def newlines(self):
        self._check()
        if self._decoder is None:
            return None
        return self._decoder.newlines

    def getvalue(self):
        with self._lock:
            self._check()
            return self._text()

    def _write(self, s):
        if self._decoder is not None:
            s = self._decoder.decode(s, True)
        if self._writenl is not None:
            s = s.replace("\n", self._writenl)
        n = len(s)
        if n == 0:
            return
        pos = self._pos
        if pos == self._len:
            self._tail.append(s)
        else:
            text = self._text()
            if pos > self._len:
                # CPython's StringIO keeps its text as 4-byte characters and
                # allocates that buffer before it pads: a write far past the
                # end raises MemoryError where CPython's would (the zeroed
                # block costs no page until touched, and is dropped at once).
                bytes(4 * (pos + n))
                text = text + "\0" * (pos - self._len)
            self._buf = text[:pos] + s + text[pos + n:]
        self._pos = pos + n
        if self._pos > self._len:
            self._len = self._pos

    def write(self, s):
        if not isinstance(s, str):
            raise TypeError(f"string argument expected, got '{type(s).__name__}'")
        with self._lock:
            self._check()
            self._write(s)
        return len(s)

    def read(self, size=-1):
        size = _size(size)
        with self._lock:
            self._check()
            pos = self._pos
            end = self._len if size < 0 else min(self._len, pos + size)
            if pos >= end:
                return ""
            self._pos = end
            return self._text()[pos:end]

    def readline(self, size=-1):
        size = _size(size)
        with self._lock:
            self._check()
            pos = self._pos
            if pos >= self._len:
                return ""
            text = self._text()
            end = _find_line_end(text, pos, self._readuniversal, self._readtranslate,
                                 self._readnl)
            if end < 0:
                end = self._len
            if size >= 0:
                end = min(end, pos + size)
            self._pos = end
            return text[pos:end]

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def seek(self, pos, whence=0):
        pos = _index(pos)
        with self._lock:
            self._check()
            if whence not in (0, 1, 2):
                raise ValueError(f"Invalid whence ({whence}, should be 0, 1 or 2)")
            if pos < 0 and whence == 0:
                raise ValueError(f"Negative seek position {pos}")
            if whence != 0 and pos != 0:
                raise OSError("Can't do nonzero cur-relative seeks")
            if whence == 1:
                pos = self._pos
            elif whence == 2:
                pos = self._len
            self._pos = pos
            return pos

    def tell(self):
        self._check()
        return self._pos

    def truncate(self, size=None):
        with self._lock:
            self._check()
            if size is None:
                size = self._pos
            else:
                size = _index(size)
                if size < 0:
                    raise ValueError(f"Negative size value {size}")
            if size < self._len:
                self._buf = self._text()[:size]
                self._len = size
            return size


class IncrementalNewlineDecoder:
    """Translates '\\r\\n' and '\\r' to '\\n' in decoded text (when
    `translate`), and records which newlines were seen."""

    _LF, _CR, _CRLF = 1, 2, 4

    def __init__(self, decoder, translate, errors="strict"):
        self.decoder = decoder
        self.translate = translate
        self.errors = errors
        self._seen = 0
        self._pendingcr = False

    def decode(self, input, final=False):
        if self.decoder is None:
            output = input
        else:
            output = self.decoder.decode(input, final=final)
        if self._pendingcr and (output or final):
            output = "\r" + output
            self._pendingcr = False
        # A '\r' last may be the start of a '\r\n' split between calls.
        if output.endswith("\r") and not final:
            output = output[:-1]
            self._pendingcr = True
        crlf = output.count("\r\n")
        cr = output.count("\r") - crlf
        lf = output.count("\n") - crlf
        self._seen |= (lf and self._LF) | (cr and self._CR) | (crlf and self._CRLF)
        if self.translate:
            if crlf:
                output = output.replace("\r\n", "\n")
            if cr:
                output = output.replace("\r", "\n")
        return output

    def getstate(self):
        if self.decoder is None:
            buf, flag = b"", 0
        else:
            buf, flag = self.decoder.getstate()
        flag <<= 1
        if self._pendingcr:
            flag |= 1
        return buf, flag

    def setstate(self, state):
        buf, flag = state
        self._pendingcr = bool(flag & 1)
        if self.decoder is not None:
            self.decoder.setstate((buf, flag >> 1))

    def reset(self):
        self._seen = 0
        self._pendingcr = False
        if self.decoder is not None:
            self.decoder.reset()

    @property
    def newlines(self):
        return (None, "\n", "\r", ("\r", "\n"), "\r\n", ("\n", "\r\n"),
                ("\r", "\r\n"), ("\r", "\n", "\r\n"))[self._seen]


# ---- raw files ----

def _mode_flags(mode):
    """FileIO's mode string: (flags, readable, writable, created, appending)."""
    rwa = plus = False
    readable = writable = created = appending = False
    flags = 0
    for c in mode:
        if c in "rwxa":
            if rwa:
                raise ValueError("Must have exactly one of create/read/write/append mode "
                                 "and at most one plus")
            rwa = True
            if c == "r":
                readable = True
            elif c == "w":
                writable = True
                flags |= _posix.O_CREAT | _posix.O_TRUNC
            elif c == "x":
                created = writable = True
                flags |= _posix.O_EXCL | _posix.O_CREAT
            else:
                appending = writable = True
                flags |= _posix.O_APPEND | _posix.O_CREAT
        elif c == "+":
            if plus:
                raise ValueError("Must have exactly one of create/read/write/append mode "
                                 "and at most one plus")
            readable = writable = plus = True
        elif c == "b":
            pass
        else:
            raise ValueError(f"invalid mode: {mode}")
    if not rwa:
        raise ValueError("Must have exactly one of create/read/write/append mode "
                         "and at most one plus")
    if readable and writable:
        flags |= _posix.O_RDWR
    elif readable:
        flags |= _posix.O_RDONLY
    else:
        flags |= _posix.O_WRONLY
    return flags, readable, writable, created, appending


class FileIO(_RawIOBase):
    """A raw binary file over an operating-system file descriptor."""

    _fd = -1

    def __init__(self, file, mode="r", closefd=True, opener=None):
        if self._fd >= 0:
            if self._closefd:
                _posix.close(self._fd)
            self._fd = -1
        fd = -1
        if isinstance(file, int):
            fd = file.__index__()
            if fd < 0:
                raise ValueError("negative file descriptor")
        else:
            # CPython's TypeError for what is neither a path nor an fd.
            _posix.fspath(file)
        if not isinstance(mode, str):
            raise TypeError(f"FileIO() argument 'mode' must be str, not {type(mode).__name__}")
        flags, self._readable, self._writable, self._created, self._appending = \
            _mode_flags(mode)
        self._seekable = None
        self._blksize = DEFAULT_BUFFER_SIZE
        owned = False
        try:
            if fd < 0:
                if not closefd:
                    raise ValueError("Cannot use closefd=False with file name")
                if opener is None:
                    fd = _posix.open(file, flags, 0o666)
                else:
                    fd = opener(file, flags)
                    if not isinstance(fd, int):
                        raise TypeError("expected integer from opener")
                    if fd < 0:
                        raise ValueError(f"opener returned {fd}")
                owned = True
            self._fd = fd
            self._closefd = closefd
            st = _posix.fstat(fd)
            if st.st_mode & 0o170000 == 0o040000:
                raise IsADirectoryError(21, "Is a directory", file)
            if st.st_blksize > 1:
                self._blksize = st.st_blksize
            self.name = file
            if self._appending:
                # The position starts at the end (seek 0, SEEK_END).
                try:
                    _posix.lseek(fd, 0, 2)
                except OSError:
                    pass
        except BaseException:
            if owned:
                _posix.close(fd)
            self._fd = -1
            raise

    def __repr__(self):
        name = "_io.FileIO"
        if self._fd < 0:
            return f"<{name} [closed]>"
        if hasattr(self, "name"):
            return f"<{name} name={self.name!r} mode='{self.mode}' closefd={self._closefd!r}>"
        return f"<{name} fd={self._fd} mode='{self.mode}' closefd={self._closefd!r}>"

    @property
    def mode(self):
        if self._created:
            return "xb+" if self._readable else "xb"
        if self._appending:
            return "ab+" if self._readable else "ab"
        if self._readable:
            return "rb+" if self._writable else "rb"
        return "wb"

    @property
    def closed(self):
        return self._fd < 0

    @property
    def closefd(self):
        return self._closefd

    def _check(self):
        if self._fd < 0:
            raise ValueError("I/O operation on closed file")

    def fileno(self):
        self._check()
        return self._fd

    def readable(self):
        self._check()
        return self._readable

    def writable(self):
        self._check()
        return self._writable

    def seekable(self):
        self._check()
        if self._seekable is None:
            try:
                _posix.lseek(self._fd, 0, 1)
                self._seekable = True
            except OSError:
                self._seekable = False
        return self._seekable

    def isatty(self):
        self._check()
        return _posix.isatty(self._fd)

    def read(self, size=-1):
        self._check()
        if not self._readable:
            raise UnsupportedOperation("File not open for reading")
        size = _size(size)
        if size < 0:
            return self.readall()
        try:
            return _posix.read(self._fd, size)
        except BlockingIOError:
            return None

    def readall(self):
        self._check()
        if not self._readable:
            raise UnsupportedOperation("File not open for reading")
        chunks = []
        bufsize = DEFAULT_BUFFER_SIZE
        try:
            pos = _posix.lseek(self._fd, 0, 1)
            end = _posix.fstat(self._fd).st_size
            if end >= pos:
                bufsize = end - pos + 1
        except OSError:
            pass
        while True:
            try:
                data = _posix.read(self._fd, bufsize)
            except BlockingIOError:
                if chunks:
                    break
                return None
            if not data:
                break
            chunks.append(data)
            bufsize = max(bufsize, DEFAULT_BUFFER_SIZE)
        return b"".join(chunks)

    def readinto(self, b):
        view = memoryview(b)
        data = self.read(len(view))
        if data is None:
            return None
        n = len(data)
        b[:n] = data
        return n

    def write(self, b):
        self._check()
        if not self._writable:
            raise UnsupportedOperation("File not open for writing")
        if isinstance(b, str):
            raise TypeError(f"a bytes-like object is required, not '{type(b).__name__}'")
        try:
            return _posix.write(self._fd, b)
        except BlockingIOError:
            return None

    def seek(self, pos, whence=0):
        if isinstance(pos, float):
            raise TypeError("an integer is required")
        self._check()
        return _posix.lseek(self._fd, _index(pos), whence)

    def tell(self):
        self._check()
        return _posix.lseek(self._fd, 0, 1)

    def truncate(self, size=None):
        self._check()
        if not self._writable:
            raise UnsupportedOperation("File not open for writing")
        if size is None:
            size = self.tell()
        _ftruncate(self._fd, _index(size))
        return size

    def close(self):
        if self._fd >= 0:
            try:
                _RawIOBase.close(self)
            finally:
                fd = self._fd
                self._fd = -1
                if self._closefd:
                    _posix.close(fd)


# ---- buffered binary streams ----

class _Buffered(_BufferedIOBase):
    """The buffered layer over a raw stream: a read-ahead buffer and a
    write buffer, at most one of them holding data at a time."""

    _kind = "Buffered"

    def __init__(self, raw, buffer_size=DEFAULT_BUFFER_SIZE):
        self._check_raw(raw)
        buffer_size = _index(buffer_size)
        if buffer_size <= 0:
            raise ValueError("buffer size must be strictly positive")
        self._raw = raw
        self.buffer_size = buffer_size
        self._rbuf = b""
        self._rpos = 0
        self._wbuf = bytearray()
        self._lock = _Lock()

    def _check_raw(self, raw):
        pass

    @property
    def raw(self):
        if self._raw is None:
            raise ValueError("raw stream has been detached")
        return self._raw

    def __repr__(self):
        name = "_io." + type(self).__name__
        try:
            n = self.name
        except AttributeError:
            return f"<{name}>"
        except ValueError:
            if self._raw is None:
                raise
            return f"<{name}>"
        return f"<{name} name={n!r}>"

    @property
    def closed(self):
        return self.raw.closed

    @property
    def name(self):
        return self.raw.name

    @property
    def mode(self):
        return self.raw.mode

    def fileno(self):
        return self.raw.fileno()

    def isatty(self):
        return self.raw.isatty()

    def readable(self):
        return self.raw.readable()

    def writable(self):
        return self.raw.writable()

    def seekable(self):
        return self.raw.seekable()

    def _checkOpen(self, msg="I/O operation on closed file"):
        if self.raw.closed:
            raise ValueError(msg)

    # -- reading --

    def _drop_read_ahead(self):
        """Moves the raw position back over the read-ahead not yet read."""
        ahead = len(self._rbuf) - self._rpos
        if ahead:
            self._raw.seek(-ahead, 1)
        self._rbuf = b""
        self._rpos = 0

    def _fill(self, want):
        """Reads from the raw stream until `want` bytes are buffered (or the
        end); `want` < 0: everything. False when the stream had none ready."""
        if self._wbuf:
            self._flush_unlocked()
        avail = len(self._rbuf) - self._rpos
        chunks = [self._rbuf[self._rpos:]] if avail else []
        got_none = False
        while want < 0 or avail < want:
            size = self.buffer_size if want < 0 else max(self.buffer_size, want - avail)
            data = self._raw.read(size)
            if data is None:
                got_none = True
                break
            if not data:
                break
            chunks.append(data)
            avail += len(data)
        self._rbuf = b"".join(chunks)
        self._rpos = 0
        return not (got_none and not avail)

    def _fill_once(self):
        """One raw read onto the read-ahead; False at the end of the stream
        (or when it has nothing ready)."""
        if self._wbuf:
            self._flush_unlocked()
        data = self._raw.read(self.buffer_size)
        if not data:
            return False
        self._rbuf = self._rbuf[self._rpos:] + data
        self._rpos = 0
        return True

    def read(self, size=-1):
        size = _size(size)
        with self._lock:
            self._checkOpen("read of closed file")
            if not self._raw.readable():
                raise UnsupportedOperation("read")
            if size < 0 or len(self._rbuf) - self._rpos < size:
                if not self._fill(size) and size != 0:
                    return None
            pos = self._rpos
            end = len(self._rbuf) if size < 0 else min(len(self._rbuf), pos + size)
            self._rpos = end
            return self._rbuf[pos:end]

    def read1(self, size=-1):
        size = _size(size)
        with self._lock:
            self._checkOpen("read of closed file")
            if size == 0:
                return b""
            if self._rpos >= len(self._rbuf):
                if self._wbuf:
                    self._flush_unlocked()
                data = self._raw.read(self.buffer_size if size < 0 else max(size, self.buffer_size))
                self._rbuf = data or b""
                self._rpos = 0
            pos = self._rpos
            end = len(self._rbuf) if size < 0 else min(len(self._rbuf), pos + size)
            self._rpos = end
            return self._rbuf[pos:end]

    def peek(self, size=0):
        with self._lock:
            self._checkOpen("peek of closed file")
            if self._rpos >= len(self._rbuf):
                self._fill(1)
            return self._rbuf[self._rpos:]

    def readline(self, size=-1):
        size = _size(size)
        with self._lock:
            self._checkOpen("readline of closed file")
            while True:
                i = self._rbuf.find(b"\n", self._rpos)
                avail = len(self._rbuf) - self._rpos
                if i >= 0 or (0 <= size <= avail):
                    break
                # One raw read at a time: a pipe or socket may not have more.
                if not self._fill_once():
                    break
            pos = self._rpos
            end = i + 1 if i >= 0 else len(self._rbuf)
            if size >= 0:
                end = min(end, pos + size)
            self._rpos = end
            return self._rbuf[pos:end]

    # -- writing --

    def write(self, b):
        if isinstance(b, str):
            raise TypeError(f"a bytes-like object is required, not '{type(b).__name__}'")
        with self._lock:
            if self.raw.closed:
                raise ValueError("write to closed file")
            if self._rpos < len(self._rbuf):
                self._drop_read_ahead()
            self._rbuf = b""
            self._rpos = 0
            n = len(memoryview(b))
            self._wbuf += b
            if len(self._wbuf) >= self.buffer_size:
                self._flush_unlocked()
            return n

    def _flush_unlocked(self):
        while self._wbuf:
            n = self._raw.write(self._wbuf)
            if n is None:
                raise BlockingIOError(11, "write could not complete without blocking", 0)
            del self._wbuf[:n]

    def flush(self):
        with self._lock:
            if self.raw.closed:
                raise ValueError("flush of closed file")
            self._flush_unlocked()

    # -- position --

    def tell(self):
        pos = self.raw.tell() - (len(self._rbuf) - self._rpos) + len(self._wbuf)
        return max(pos, 0)

    def seek(self, pos, whence=0):
        if isinstance(pos, float):
            raise TypeError("an integer is required")
        pos = _index(pos)
        if whence not in (0, 1, 2):
            raise ValueError(f"whence value {whence} unsupported")
        with self._lock:
            self._checkOpen()
            if self._wbuf:
                self._flush_unlocked()
            if whence == 1:
                pos -= len(self._rbuf) - self._rpos
            self._rbuf = b""
            self._rpos = 0
            return self._raw.seek(pos, whence)

    def truncate(self, pos=None):
        with self._lock:
            self._checkOpen()
            if self._wbuf:
                self._flush_unlocked()
            if pos is None:
                pos = self._raw.tell() - (len(self._rbuf) - self._rpos)
            self._drop_read_ahead()
            return self._raw.truncate(pos)

    def close(self):
        if self._raw is None:
            raise ValueError("raw stream has been detached")
        if self._raw.closed:
            return
        try:
            if self._wbuf:
                self.flush()
        finally:
            self._raw.close()

    def detach(self):
        if self._raw is None:
            raise ValueError("raw stream has been detached")
        self.flush()
        raw = self._raw
        self._raw = None
        return raw


class BufferedReader(_Buffered):
    """A buffer over a readable raw stream."""

    def _check_raw(self, raw):
        if not raw.readable():
            raise UnsupportedOperation("File or stream is not readable.")

    write = _BufferedIOBase.write

    def writable(self):
        self.raw
        return False


class BufferedWriter(_Buffered):
    """A buffer over a writable raw stream."""

    def _check_raw(self, raw):
        if not raw.writable():
            raise UnsupportedOperation("File or stream is not writable.")

    read = _BufferedIOBase.read
    read1 = _BufferedIOBase.read1

    def readable(self):
        self.raw
        return False


class BufferedRandom(_Buffered):
    """A buffer over a seekable raw stream both read and written."""

    def _check_raw(self, raw):
        if not raw.seekable():
            raise UnsupportedOperation("File or stream is not seekable.")
        if not raw.readable():
            raise UnsupportedOperation("File or stream is not readable.")
        if not raw.writable():
            raise UnsupportedOperation("File or stream is not writable.")


class BufferedRWPair(_BufferedIOBase):
    """A reader and a writer (two raw streams) seen as one stream."""

    def __init__(self, reader, writer, buffer_size=DEFAULT_BUFFER_SIZE):
        self.reader = BufferedReader(reader, buffer_size)
        self.writer = BufferedWriter(writer, buffer_size)

    def read(self, size=-1):
        return self.reader.read(size)

    def read1(self, size=-1):
        return self.reader.read1(size)

    def readline(self, size=-1):
        return self.reader.readline(size)

    def peek(self, size=0):
        return self.reader.peek(size)

    def readinto(self, b):
        return self.reader.readinto(b)

    def readinto1(self, b):
        return self.reader.readinto1(b)

    def write(self, b):
        return self.writer.write(b)

    def flush(self):
        return self.writer.flush()

    def readable(self):
        return self.reader.readable()

    def writable(self):
        return self.writer.writable()

    def isatty(self):
        return self.reader.isatty() or self.writer.isatty()

    def close(self):
        try:
            self.writer.close()
        finally:
            self.reader.close()

    @property
    def closed(self):
        return self.writer.closed


# ---- text ----

def text_encoding(encoding, stacklevel=2):
    """The encoding to use: `encoding`, or "locale" when it is None."""
    if encoding is not None:
        return encoding
    return "locale"


_UTF8_NAMES = ("utf_8", "utf8", "u8", "utf", "cp65001")


def _normalized(encoding):
    return encoding.strip().lower().replace("-", "_").replace(" ", "_")


def _utf8_split(data):
    """How many bytes at the end of `data` may be the start of a UTF-8
    sequence that the next read completes."""
    n = len(data)
    for back in range(1, min(4, n + 1)):
        b = data[n - back]
        if b < 0x80:
            return 0
        if b >= 0xC0:
            need = 2 if b < 0xE0 else 3 if b < 0xF0 else 4
            return back if need > back else 0
    return 0


class TextIOWrapper(_TextIOBase):
    """A text stream over a buffered binary stream: decoding, encoding and
    newline translation."""

    _CHUNK_SIZE = 8192

    def __init__(self, buffer, encoding=None, errors=None, newline=None,
                 line_buffering=False, write_through=False):
        self._buffer = None
        _check_newline(newline, str)
        if encoding is None or encoding == "locale":
            encoding = "UTF-8"
        elif not isinstance(encoding, str):
            raise TypeError(f"TextIOWrapper() argument 'encoding' must be str or None, "
                            f"not {type(encoding).__name__}")
        if errors is None:
            errors = "strict"
        elif not isinstance(errors, str):
            raise TypeError(f"TextIOWrapper() argument 'errors' must be str or None, "
                            f"not {type(errors).__name__}")
        # An unknown encoding is CPython's LookupError.
        "".encode(encoding)
        self._encoding = encoding
        self._errors = errors
        self._utf8 = _normalized(encoding) in _UTF8_NAMES
        self._buffer = buffer
        self._line_buffering = bool(line_buffering)
        self._write_through = bool(write_through)
        self._readuniversal = not newline
        self._readtranslate = newline is None
        self._readnl = newline
        self._writenl = newline if newline else None
        self._seen = IncrementalNewlineDecoder(None, False) if not newline else None
        # Decoded text not yet read: `_text[_tpos:]`, untranslated; the
        # bytes it came from start at `_text_start`; `_pending` holds the
        # bytes of a character that the next read completes.
        self._text = ""
        self._tpos = 0
        self._text_start = None
        self._pending = b""
        self._eof = False

    def __repr__(self):
        out = "<_io.TextIOWrapper"
        try:
            name = self.name
        except Exception:
            pass
        else:
            out += f" name={name!r}"
        try:
            mode = self.mode
        except Exception:
            pass
        else:
            out += f" mode={mode!r}"
        return out + f" encoding={self._encoding!r}>"

    @property
    def buffer(self):
        if self._buffer is None:
            raise ValueError("underlying buffer has been detached")
        return self._buffer

    @property
    def encoding(self):
        return self._encoding

    @property
    def errors(self):
        return self._errors

    @property
    def line_buffering(self):
        return self._line_buffering

    @property
    def write_through(self):
        return self._write_through

    @property
    def newlines(self):
        return None if self._seen is None else self._seen.newlines

    @property
    def name(self):
        return self.buffer.name

    @property
    def closed(self):
        return self.buffer.closed

    def fileno(self):
        return self.buffer.fileno()

    def isatty(self):
        return self.buffer.isatty()

    def readable(self):
        return self.buffer.readable()

    def writable(self):
        return self.buffer.writable()

    def seekable(self):
        return self.buffer.seekable()

    def _check(self):
        if self.buffer.closed:
            raise ValueError("I/O operation on closed file.")

    def flush(self):
        self._check()
        self.buffer.flush()

    def close(self):
        buffer = self.buffer
        if not buffer.closed:
            try:
                self.flush()
            finally:
                buffer.close()

    def detach(self):
        buffer = self.buffer
        self.flush()
        self._buffer = None
        return buffer

    # -- writing --

    def write(self, s):
        self._check()
        if not isinstance(s, str):
            raise TypeError(f"write() argument must be str, not {type(s).__name__}")
        if not self.buffer.writable():
            raise UnsupportedOperation("not writable")
        n = len(s)
        # As CPython's: the read-ahead is dropped, not rewound over, so
        # the text goes where the buffer's reading stopped.
        if self._text or self._pending:
            self._reset_read()
        text = s
        if self._writenl is not None and self._writenl != "\n":
            text = text.replace("\n", self._writenl)
        self.buffer.write(text.encode(self._encoding, self._errors))
        if self._line_buffering and ("\n" in s or "\r" in s):
            self.flush()
        elif self._write_through:
            self.buffer.flush()
        return n

    def _reset_read(self):
        self._text = ""
        self._tpos = 0
        self._text_start = None
        self._pending = b""
        self._eof = False

    # -- reading --

    def _read_chunk(self, size):
        """Decodes the next chunk of the buffer onto the unread text; False
        at the end of the stream."""
        if self._text_start is None:
            self._text_start = self.buffer.tell() if self.buffer.seekable() else 0
        if self._tpos:
            # Forget the text already read, counting its bytes.
            done = self._text[:self._tpos]
            self._text_start += len(done.encode(self._encoding, self._errors))
            self._text = self._text[self._tpos:]
            self._tpos = 0
        data = self.buffer.read1(size) if hasattr(self.buffer, "read1") else self.buffer.read(size)
        if data is None:
            data = b""
        final = not data
        data = self._pending + data
        keep = 0 if final or not self._utf8 else _utf8_split(data)
        if keep:
            self._pending = data[-keep:]
            data = data[:-keep]
        else:
            self._pending = b""
        self._text += data.decode(self._encoding, self._errors)
        if final:
            self._eof = True
        return not final

    def _translate(self, text):
        if self._seen is not None:
            self._seen.decode(text, True)
        if self._readtranslate:
            return text.replace("\r\n", "\n").replace("\r", "\n")
        return text

    def read(self, size=-1):
        self._check()
        if not self.buffer.readable():
            raise UnsupportedOperation("not readable")
        size = _size(size)
        if size < 0:
            while self._read_chunk(1 << 20):
                pass
            text = self._text[self._tpos:]
            self._tpos = len(self._text)
            return self._translate(text)
        out = []
        got = 0
        while got < size:
            text = self._text
            start = self._tpos
            end = min(len(text), start + size - got)
            # A '\r' last may start a '\r\n' that counts as one character.
            if self._readtranslate and end > start and text[end - 1] == "\r" \
                    and end == len(text) and not self._eof:
                if self._read_chunk(self._CHUNK_SIZE):
                    continue
                text = self._text
                start = self._tpos
                end = min(len(text), start + size - got)
            piece = text[start:end]
            if self._readtranslate and "\r" in piece:
                if end < len(text) and piece.endswith("\r") and text[end] == "\n":
                    end += 1
                    piece += "\n"
                piece = self._translate(piece)
            elif self._seen is not None:
                self._seen.decode(piece, True)
            self._tpos = end
            out.append(piece)
            got += len(piece)
            if got < size and not self._read_chunk(self._CHUNK_SIZE) \
                    and self._tpos >= len(self._text):
                break
        return "".join(out)

    def readline(self, size=-1):
        self._check()
        if not self.buffer.readable():
            raise UnsupportedOperation("not readable")
        size = _size(size)
        while True:
            end = _find_line_end(self._text, self._tpos, self._readuniversal, False,
                                 self._readnl if self._readnl else "\n", self._eof)
            if end >= 0:
                break
            if size >= 0 and len(self._text) - self._tpos >= size:
                break
            if not self._read_chunk(self._CHUNK_SIZE):
                end = _find_line_end(self._text, self._tpos, self._readuniversal, False,
                                     self._readnl if self._readnl else "\n", True)
                break
        if end < 0:
            end = len(self._text)
        start = self._tpos
        if size >= 0 and end - start > size:
            end = start + size
        self._tpos = end
        return self._translate(self._text[start:end])

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    # -- position --

    def _position(self):
        if self._text_start is None:
            return self.buffer.tell()
        done = self._text[:self._tpos]
        return self._text_start + len(done.encode(self._encoding, self._errors))

    def tell(self):
        self._check()
        if not self.buffer.seekable():
            raise UnsupportedOperation("underlying stream is not seekable")
        self.buffer.flush()
        return self._position()

    def seek(self, cookie, whence=0):
        self._check()
        if not self.buffer.seekable():
            raise UnsupportedOperation("underlying stream is not seekable")
        if whence not in (0, 1, 2):
            raise ValueError(f"invalid whence ({whence}, should be 0, 1 or 2)")
        if whence == 1:
            if cookie != 0:
                raise UnsupportedOperation("can't do nonzero cur-relative seeks")
            cookie = self.tell()
            whence = 0
        if whence == 2:
            if cookie != 0:
                raise UnsupportedOperation("can't do nonzero end-relative seeks")
            self.flush()
            self._reset_read()
            return self.buffer.seek(0, 2)
        if not isinstance(cookie, int):
            raise TypeError(f"an integer is required (got type {type(cookie).__name__})")
        if cookie < 0:
            raise ValueError(f"negative seek position {cookie}")
        self.flush()
        self._reset_read()
        self.buffer.seek(cookie)
        return cookie

    def truncate(self, pos=None):
        self.flush()
        if pos is None:
            pos = self.tell()
        return self.buffer.truncate(pos)


# ---- open ----

def _open(file, mode="r", buffering=-1, encoding=None, errors=None, newline=None,
          closefd=True, opener=None):
    """Opens a file and returns a stream: what the builtin open() calls."""
    if not isinstance(file, int):
        file = _posix.fspath(file)
    if not isinstance(mode, str):
        raise TypeError(f"open() argument 'mode' must be str, not {type(mode).__name__}")
    if not isinstance(buffering, int):
        raise TypeError(f"'{type(buffering).__name__}' object cannot be interpreted as an integer")
    if encoding is not None and not isinstance(encoding, str):
        raise TypeError(f"open() argument 'encoding' must be str or None, not {type(encoding).__name__}")
    if errors is not None and not isinstance(errors, str):
        raise TypeError(f"open() argument 'errors' must be str or None, not {type(errors).__name__}")
    modes = set(mode)
    if modes - set("axrwb+t") or len(mode) > len(modes):
        raise ValueError(f"invalid mode: {mode!r}")
    creating = "x" in modes
    reading = "r" in modes
    writing = "w" in modes
    appending = "a" in modes
    updating = "+" in modes
    text = "t" in modes
    binary = "b" in modes
    if text and binary:
        raise ValueError("can't have text and binary mode at once")
    if creating + reading + writing + appending > 1:
        raise ValueError("must have exactly one of create/read/write/append mode")
    if binary and encoding is not None:
        raise ValueError("binary mode doesn't take an encoding argument")
    if binary and errors is not None:
        raise ValueError("binary mode doesn't take an errors argument")
    if binary and newline is not None:
        raise ValueError("binary mode doesn't take a newline argument")
    if binary and buffering == 1:
        import warnings
        warnings.warn("line buffering (buffering=1) isn't supported in binary mode, "
                      "the default buffer size will be used", RuntimeWarning, 2)
    if not binary:
        _check_newline(newline, str)
    raw = FileIO(file,
                 (creating and "x" or "") + (reading and "r" or "") + (writing and "w" or "")
                 + (appending and "a" or "") + (updating and "+" or ""),
                 closefd, opener=opener)
    result = raw
    try:
        line_buffering = False
        if buffering == 1 or buffering < 0 and raw.isatty():
            buffering = -1
            line_buffering = True
        if buffering < 0:
            buffering = raw._blksize
        if buffering == 0:
            if binary:
                return result
            raise ValueError("can't have unbuffered text I/O")
        if updating:
            buffer = BufferedRandom(raw, buffering)
        elif creating or writing or appending:
            buffer = BufferedWriter(raw, buffering)
        else:
            buffer = BufferedReader(raw, buffering)
        result = buffer
        if binary:
            return result
        result = TextIOWrapper(buffer, encoding, errors, newline, line_buffering)
        result.mode = mode
        return result
    except BaseException:
        result.close()
        raise


# As CPython's, `_io.open` is the builtin function itself (`io.open is
# open`), which does not bind as a method when stored in a class.
import builtins as _builtins

open = _builtins.open
del _builtins


def open_code(path):
    """Opens `path` to read its code, as bytes."""
    if not isinstance(path, str):
        raise TypeError(f"open_code() argument 'path' must be str, not {type(path).__name__}")
    return open(path, "rb")
