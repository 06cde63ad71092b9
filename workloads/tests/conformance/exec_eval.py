# exec, eval and globals(): module-level defaults, explicit globals and locals,
# class bodies, namedtuple's eval of a lambda, and the argument errors.
x = 10
exec("y = x + 1")
print(y, eval("x * 2"), eval(" y - 1"))
g = {"a": 2}
exec("b = a * 3\ndef f(n):\n    return n + b", g)
print(g["b"], g["f"](1), sorted(k for k in g if k != "__builtins__"), "__builtins__" in g)
ns = {}
exec("z = 5\nw = z + len('abc')", {}, ns)
print(ns)
print(eval("a + 1", {"a": 1}), eval("a + b", {"a": 1}, {"b": 2}))
class C:
    exec("k = 3")
    v = eval("k + 1")
print(C.k, C.v)
print(globals() is vars(__import__("__main__")) if False else type(globals()).__name__, "x" in globals())
code = "lambda _cls, a, b: _tuple_new(_cls, (a, b))"
maker = eval(code, {"_tuple_new": tuple.__new__, "__name__": "namedtuple_P"})
print(maker(tuple, 1, 2))
for bad in [lambda: eval(5), lambda: exec("x = ", {}), lambda: eval("1", []), lambda: exec("1", {}, 5)]:
    try:
        bad()
    except (TypeError, SyntaxError) as e:
        print(type(e).__name__)
def inside():
    q = 1
    return eval("q + 1", {}, {"q": q})
print(inside())
