# Code objects: f.__code__ and its co_* attributes, as CPython 3.11 sets them.
def f(a, b=1, *args, c, d=2, **kw):
    x = a + b
    return x
def g():
    yield 1
def outer():
    y = 1
    def inner():
        return y
    return inner
async def co():
    pass
c = f.__code__
print(type(c).__name__, c.co_name, c.co_qualname, c.co_argcount, c.co_kwonlyargcount, c.co_posonlyargcount)
print(c.co_varnames, c.co_flags, g.__code__.co_flags, outer().__code__.co_flags, co.__code__.co_flags)
print(outer().__code__.co_freevars, outer.__code__.co_cellvars, c.co_filename.endswith(".py"))
print(c == f.__code__, hash(c) == hash(f.__code__), c.co_firstlineno, repr(c).startswith("<code object f at "))
try:
    type(c)()
except TypeError as e:
    print("TypeError", e)
