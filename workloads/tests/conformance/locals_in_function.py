# locals(), vars(), dir() and exec/eval without a namespace inside functions:
# a snapshot of the function's variables, as CPython gives.
def f(a, b=2, *args, **kw):
    c = a + b
    return locals()

print(f(1))
print(f(1, 3, 4, k=5))


def unbound():
    x = 1
    if x > 5:
        y = 2
    return sorted(locals())

print(unbound())


def closure():
    shared = 10
    def inner(p):
        q = p + shared
        return locals()
    return inner(1), sorted(locals())

print(closure())


def cell_param(n):
    def get():
        return n
    return locals().keys(), get()

keys, value = cell_param(7)
print(sorted(keys), value)


def with_exec():
    x = 1
    exec("y = x + 1")
    d = {}
    exec("z = 10", globals(), d)
    return eval("x + 100"), d, "y" in locals()

print(with_exec())


def with_dir_vars():
    alpha = 1
    beta = 2
    return dir(), sorted(vars())

print(with_dir_vars())


def writes_do_not_reach_the_frame():
    v = 1
    locals()["v"] = 2
    return v

print(writes_do_not_reach_the_frame())


class C:
    def m(self):
        return sorted(locals())

print(C().m())
print(sorted(k for k in locals() if not k.startswith("__")))
