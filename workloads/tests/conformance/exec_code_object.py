# exec/eval of code objects compiled from sources that define functions,
# and of a function's own code (CPython's TypeError for its parameters).
src = """
def outer(a, b=2, *args, k, **kw):
    def inner(c):
        return a + b + c + k
    return inner(10), args, kw
print(outer(1, k=5))
print(outer(1, 3, 4, k=6, z=7))
class C:
    def m(self, x):
        return x * 2
print(C().m(4))
g = lambda *a: sum(a)
print(g(1, 2, 3))
"""
code = compile(src, "<src>", "exec")
exec(code)
ns = {}
exec(code, ns)
print(sorted(k for k in ns if not k.startswith("__")))
loc = {}
exec(compile("def f(a, b):\n    return a * b\nr = f(6, 7)", "x", "exec"), {}, loc)
print(loc["r"], loc["f"](2, 3))
def make():
    return 5
print(eval(compile("make() + 1", "e", "eval")))
exec(compile("def gen(n):\n    for i in range(n):\n        yield i\nprint(list(gen(3)))", "g", "exec"))
def f(a, b=3):
    return a + b
try:
    exec(f.__code__)
except TypeError as e:
    print("TypeError:", e)
def noargs():
    print("ran noargs")
exec(noargs.__code__)
print(f.__code__.co_argcount, f.__code__.co_varnames)
single = compile("def q(x): return x + 1\n", "s", "single")
exec(single)
print(q(1))
class A:
    def m(self, x, *, k): pass
    def n(self, *, k, j): pass
def kw_only(*, k, j): pass
def g3(a, b, c): pass
for fn in (A.m, A.n, kw_only, g3):
    try:
        exec(fn.__code__)
    except TypeError as e:
        print("TypeError:", e)
