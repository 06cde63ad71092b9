import io, sys, contextlib
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    print("captured", 1)
    print("again", end="")
print("outside")
print(repr(buf.getvalue()))
old = sys.stdout
sys.stdout = io.StringIO()
print("x")
s = sys.stdout.getvalue()
sys.stdout = old
print(repr(s))
err = io.StringIO()
with contextlib.redirect_stderr(err):
    print("to err", file=sys.stderr)
print(repr(err.getvalue()))
sys.stdout = None
print("swallowed")
sys.stdout = sys.__stdout__
print("back", flush=True)
class Upper:
    def __init__(self): self.parts = []
    def write(self, s): self.parts.append(s.upper())
u = Upper()
with contextlib.redirect_stdout(u):
    print("a", "b", sep="-")
print(u.parts)
