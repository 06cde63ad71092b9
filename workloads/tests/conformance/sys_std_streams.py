# sys.stdout and sys.stderr as text streams, and print's file= and flush=.
import sys

print(repr(sys.stdout), type(sys.stdout).__name__, sys.stdout.name, sys.stderr.name)
print(sys.stdout.write("abc\n"), sys.stdout.write("é\n"))
try:
    sys.stdout.write(3)
except TypeError as e:
    print(e)
try:
    print("x", file=3)
except AttributeError as e:
    print(e)
print("to err", 1, sep="-", file=sys.stderr)
print("flushed", flush=True)
print("none file", file=None)


class Recorder:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)

    def flush(self):
        self.parts.append("<flush>")


r = Recorder()
print("a", 2, None, sep=", ", end="!\n", file=r, flush=True)
print(r.parts)
sys.stdout.writelines(["x\n", "y\n"])
print(sys.stdout is sys.__stdout__, sys.stdout.fileno(), sys.stderr.fileno())
sys.stderr.write("last err\n")
