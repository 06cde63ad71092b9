# traceback and logging.exception, which refer to BaseExceptionGroup.
# Only what does not depend on file paths or caret lines is printed.
import io
import logging
import sys
import traceback


def fail(n):
    if n == 0:
        raise ValueError("deep")
    fail(n - 1)


try:
    fail(2)
except ValueError:
    text = traceback.format_exc()
    lines = text.splitlines()
    print(lines[0])
    print(lines[-1])
    print(len([l for l in lines if l.startswith("  File")]))
    buf = io.StringIO()
    traceback.print_exc(file=buf)
    print(buf.getvalue() == text)
    te = traceback.TracebackException(*sys.exc_info())
    print(te.exc_type.__name__, str(te), list(te.format_exception_only()))
    print([f.name for f in te.stack], [f.lineno for f in te.stack])
    print(traceback.format_exception_only(sys.exc_info()[1]))

# Exceptions never raised have no frames: the whole text is deterministic.
print("".join(traceback.format_exception(KeyError("k"))), end="")
try:
    raise TypeError("inner")
except TypeError as inner:
    chained = RuntimeError("outer")
    chained.__cause__ = inner
    chained.__traceback__ = None
    inner.__traceback__ = None
print("".join(traceback.format_exception(chained)), end="")

eg = ExceptionGroup(
    "several",
    [ValueError(1), ExceptionGroup("nested", [TypeError(2), KeyError(3)]), OSError(2, "gone")],
)
print("".join(traceback.format_exception(eg)), end="")
te = traceback.TracebackException.from_exception(eg)
print(len(te.exceptions), [type(x.exc_type).__name__ for x in te.exceptions])
print([x.exc_type.__name__ for x in te.exceptions])

wide = ExceptionGroup("wide", [ValueError(i) for i in range(17)])
print("".join(traceback.format_exception(wide)), end="")
deep = ValueError("leaf")
for i in range(12):
    deep = ExceptionGroup(f"level {i}", [deep])
print("".join(traceback.format_exception(deep)), end="")

buf = io.StringIO()
traceback.print_exception(BaseExceptionGroup("base", [KeyboardInterrupt()]), file=buf)
print(buf.getvalue(), end="")


class LastLine(logging.Formatter):
    def formatException(self, ei):
        return super().formatException(ei).splitlines()[-1]


handler = logging.StreamHandler(sys.stdout)
handler.setFormatter(LastLine("%(levelname)s:%(name)s:%(message)s"))
log = logging.getLogger("demo")
log.addHandler(handler)
try:
    {}["k"]
except KeyError:
    log.exception("lookup failed")
try:
    raise ExceptionGroup("grouped", [ValueError("v")])
except ExceptionGroup:
    log.exception("group failed")
