# The Python part of posix: the struct sequences the system calls return,
# os.DirEntry and scandir, over the raw tuples of the native functions.
from _structseq import structseq as _structseq

stat_result = _structseq(
    "os.stat_result",
    ("st_mode", "st_ino", "st_dev", "st_nlink", "st_uid", "st_gid", "st_size",
     "st_atime", "st_mtime", "st_ctime", "st_atime_ns", "st_mtime_ns", "st_ctime_ns",
     "st_blksize", "st_blocks", "st_rdev"),
    10,
    unnamed=(7, 8, 9),
)
_stat_result_new = stat_result.__new__


def _stat_result_from_tuple(cls, sequence, dict=None):
    # As CPython: float times missing from the sequence are the int ones.
    self = _stat_result_new(cls, sequence, dict)
    extra = list(self._extra)
    for i in range(3):
        if extra[i] is None:
            extra[i] = self[7 + i]
    self._extra = tuple(extra)
    return self


stat_result.__new__ = _stat_result_from_tuple
del _stat_result_from_tuple
terminal_size = _structseq("os.terminal_size", ("columns", "lines"), 2)
uname_result = _structseq(
    "posix.uname_result", ("sysname", "nodename", "release", "version", "machine"), 5)
times_result = _structseq(
    "posix.times_result",
    ("user", "system", "children_user", "children_system", "elapsed"), 5)


def stat(path, *, dir_fd=None, follow_symlinks=True):
    return stat_result(_stat(path, dir_fd=dir_fd, follow_symlinks=follow_symlinks))


def lstat(path, *, dir_fd=None):
    return stat_result(_stat(path, dir_fd=dir_fd, follow_symlinks=False))


def fstat(fd):
    return stat_result(_fstat(fd))


def get_terminal_size(fd=1, /):
    return terminal_size(_get_terminal_size(fd))


def uname():
    return uname_result(_uname())


def times():
    return times_result(_times())


_S_IFMT = 0o170000
_S_IFDIR = 0o040000
_S_IFREG = 0o100000
_S_IFLNK = 0o120000


class DirEntry:
    def __init__(self, directory, name, is_dir, is_file, is_symlink, inode):
        self.name = name
        sep = b"/" if isinstance(name, bytes) else "/"
        self.path = directory + name if directory.endswith(sep) else directory + sep + name
        # The types the directory listing gave, without following links
        # (None where the system did not say).
        self._types = (is_dir, is_file, is_symlink)
        self._inode = inode
        self._stat = None
        self._lstat = None

    def __repr__(self):
        return f"<DirEntry {self.name!r}>"

    def __fspath__(self):
        return self.path

    def inode(self):
        return self._inode

    def is_symlink(self):
        if self._types[2] is not None:
            return self._types[2]
        return self._mode(False) & _S_IFMT == _S_IFLNK

    def stat(self, *, follow_symlinks=True):
        if not follow_symlinks or not self.is_symlink():
            if self._lstat is None:
                self._lstat = lstat(self.path)
            if not follow_symlinks or not self.is_symlink():
                return self._lstat
        if self._stat is None:
            self._stat = stat(self.path)
        return self._stat

    def _mode(self, follow_symlinks):
        try:
            return self.stat(follow_symlinks=follow_symlinks).st_mode
        except FileNotFoundError:
            return 0

    def _is(self, kind, index, follow_symlinks):
        known = self._types[index]
        if known is not None and not (follow_symlinks and self._types[2]):
            return known
        return self._mode(follow_symlinks) & _S_IFMT == kind

    def is_dir(self, *, follow_symlinks=True):
        return self._is(_S_IFDIR, 0, follow_symlinks)

    def is_file(self, *, follow_symlinks=True):
        return self._is(_S_IFREG, 1, follow_symlinks)

    def __class_getitem__(cls, item):
        return type(list[int])(cls, item)


class ScandirIterator:
    def __init__(self, entries):
        self._entries = iter(entries)

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._entries)

    def close(self):
        self._entries = iter(())

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def scandir(path=None):
    directory, entries = _scandir(path)
    return _ScandirIterator([DirEntry(directory, *entry) for entry in entries])


DirEntry.__module__ = ScandirIterator.__module__ = "posix"
# The iterator's class is not a name of the module in CPython either.
_ScandirIterator = ScandirIterator
del ScandirIterator
environ = _environ()
del _environ

# What os.supports_fd and supports_follow_symlinks are made from (no
# dir_fd support: no *at calls are offered).
_have_functions = ["HAVE_FSTAT", "HAVE_LSTAT"]


# The wait(2) status macros of glibc, and what subprocess makes of them.
def WIFSTOPPED(status):
    return (status & 0xff) == 0x7f


def WSTOPSIG(status):
    return (status >> 8) & 0xff


def WIFEXITED(status):
    return (status & 0x7f) == 0


def WEXITSTATUS(status):
    return (status >> 8) & 0xff


def WIFSIGNALED(status):
    return 0 < (status & 0x7f) < 0x7f


def WTERMSIG(status):
    return status & 0x7f


def WIFCONTINUED(status):
    return status == 0xffff


def waitstatus_to_exitcode(status):
    if WIFEXITED(status):
        return WEXITSTATUS(status)
    if WIFSIGNALED(status):
        return -WTERMSIG(status)
    if WIFSTOPPED(status):
        raise ValueError("process stopped by delivery of signal %d"
                         % WSTOPSIG(status))
    raise ValueError("invalid wait status: %d" % status)
