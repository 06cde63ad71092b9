# errno's names and errorcode, and the OSError subclass each errno selects.
import errno

print(errno.ENOENT, errno.EACCES, errno.EAGAIN, errno.EWOULDBLOCK, errno.EDEADLOCK)
print(errno.errorcode[2], errno.errorcode[11], errno.errorcode[35], errno.errorcode[95])
names = [n for n in dir(errno) if n.startswith("E")]
print(len(names), len(errno.errorcode), sorted(names)[:4])
print(all(errno.errorcode[getattr(errno, n)] for n in names))

codes = [errno.ENOENT, errno.EEXIST, errno.EACCES, errno.EPERM, errno.EAGAIN,
         errno.EPIPE, errno.ECHILD, errno.ESRCH, errno.EISDIR, errno.ENOTDIR,
         errno.EINTR, errno.ETIMEDOUT, errno.ECONNREFUSED, errno.ECONNRESET,
         errno.ECONNABORTED, errno.EINPROGRESS, errno.EALREADY, errno.ESHUTDOWN,
         errno.EIO, errno.EINVAL]
for code in codes:
    e = OSError(code, "msg")
    print(code, errno.errorcode[code], type(e).__name__, e.errno, e.strerror, isinstance(e, OSError))
