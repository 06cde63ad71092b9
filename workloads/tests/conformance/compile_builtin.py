# compile() and running its code objects with exec and eval.
c = compile("x = 1 + 2\ny = x * 2", "<mine>", "exec")
print(type(c).__name__, c.co_filename)
ns = {}
exec(c, ns)
print(ns["x"], ns["y"])
e = compile("a * 10", "<expr>", "eval")
print(eval(e, {"a": 4}), eval(e, {}, {"a": 5}))
exec(c)
print(x, y)
g = {}
exec(compile("def f(n):\n    return n + k\nk = 100", "m", "exec"), g)
print(g["f"](1))
for bad in [("1 +", "b", "exec"), ("x = 1", "b", "nope"), (3, "b", "exec")]:
    try:
        compile(*bad)
    except (SyntaxError, ValueError, TypeError) as err:
        print(type(err).__name__)
print(eval(compile("[i*i for i in range(4)]", "", "eval")))
