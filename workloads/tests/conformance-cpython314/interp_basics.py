# concurrent.interpreters (PEP 734), new in CPython 3.14. CPython 3.11, the
# reference python3 that regen.py runs, has no equivalent module, so the
# expected output (interp_basics.stdout/.status) was written by hand from
# CPython 3.14's documented behaviour (the library docs and
# Lib/concurrent/interpreters); see README.md in this directory.
# Only stateless functions (no globals, closures or defaults) and callables
# importable by name are passed to call(), as 3.14 shares them without pickle.
import builtins
import math
import sys
from concurrent import interpreters

main = interpreters.get_main()
print(repr(main), main.id)
print(interpreters.get_current() is main, main.is_running())
print(main.whence)

interp = interpreters.create()
print(interp.id != main.id, interp.is_running(), interp.whence)
print(sorted(i.id for i in interpreters.list_all()) == sorted([main.id, interp.id]))
print(interpreters.Interpreter(interp.id) is interp)

# State persists in the interpreter's __main__ between calls.
interp.exec("x = 40 + 2")
interp.exec("assert x == 42\nassert __name__ == '__main__'")
print('x' in globals())

# Modules and builtins are the interpreter's own.
interp.exec("import sys, builtins\nsys.marker = 1\nbuiltins.spam = 2")
print(hasattr(sys, 'marker'), hasattr(builtins, 'spam'))

# prepare_main binds copies of shareable values.
interp.prepare_main({'a': 1}, b='two', c=(3.0, b'four', None, True))
interp.exec("assert (a, b, c) == (1, 'two', (3.0, b'four', None, True))")

# An uncaught exception becomes ExecutionFailed in the caller.
try:
    interp.exec("raise ValueError('nope')")
except interpreters.ExecutionFailed as e:
    print(type(e).__name__, isinstance(e, interpreters.InterpreterError))
    print(e.excinfo.type.__name__, repr(e.excinfo.msg))
    print(str(e).splitlines()[0])
try:
    interp.exec("def f(:\n    pass")
except interpreters.ExecutionFailed as e:
    print(e.excinfo.type.__name__)
# (Nothing is printed inside: CPython buffers each interpreter's stdout
# separately, so the order of their lines in a pipe depends on flushes.)


def add(a, b):
    return a + b


def index(t, i):
    return t[i]


def spin(n):
    while n > 0:
        n -= 1
    return n


print(interp.call(add, 1, 2), interp.call(add, 'a', 'b'), interp.call(add, (1,), (2.5,)))
print(interp.call(add, a=1, b=2))
print(interp.call(math.factorial, 10), interp.call(len, b'abc'))
try:
    interp.call(index, (1, 2), 5)
except interpreters.ExecutionFailed as e:
    print(e.excinfo.type.__name__, e.excinfo.msg)

t = interp.call_in_thread(spin, 10000)
print(type(t).__name__)
t.join()
print(t.is_alive())

try:
    main.close()
except interpreters.InterpreterError as e:
    print('cannot close main', isinstance(e, interpreters.InterpreterError))

interp.close()
print(sorted(i.id for i in interpreters.list_all()) == [main.id])
try:
    interp.exec("pass")
except interpreters.InterpreterNotFoundError as e:
    print(type(e).__name__)

# Several interpreters at once, each with its own state.
many = [interpreters.create() for _ in range(3)]
for i, it in enumerate(many):
    it.prepare_main(i=i)
print([it.call(add, 10, 0) for it in many])
for it in many:
    it.exec("i = i * 100")
for it in many:
    it.close()
print('done')
