# contextvars: ContextVar get/set/reset, Token, Context as a mapping, run
# and copy, per-thread current contexts.
import contextvars
import threading
from contextvars import Context, ContextVar, Token, copy_context

v = ContextVar("v")
w = ContextVar("w", default=10)
print(v.name, w.name, w.get(), v.get("dflt"), w.get(5))
try:
    v.get()
except LookupError as e:
    print(type(e).__name__, e.args[0] is v)

t1 = v.set(1)
print(v.get(), t1.var is v, t1.old_value is Token.MISSING, Token.MISSING)
t2 = v.set(2)
print(v.get(), t2.old_value)
v.reset(t2)
print(v.get())
try:
    v.reset(t2)
except RuntimeError as e:
    print(type(e).__name__, str(e).endswith("has already been used once"))
try:
    w.reset(t1)
except ValueError as e:
    print(type(e).__name__, str(e).endswith("was created by a different ContextVar"))
v.reset(t1)
print(v.get(None))

for bad in [lambda: v.reset(1), lambda: ContextVar(1), lambda: Context(1), lambda: Token(),
            lambda: Context()[1], lambda: Context().get("x")]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
try:
    v.name = "x"
except AttributeError as e:
    print(type(e).__name__, e)
for cls in (ContextVar, Context, Token):
    try:
        class Sub(cls):
            pass
    except TypeError as e:
        print(type(e).__name__, e)
print(ContextVar.__module__, Context.__name__, type(Token.MISSING).__name__)

# A Context is an immutable mapping of the variables set in it.
w.set(11)
ctx = copy_context()
print(len(ctx), w in ctx, v in ctx, ctx[w], ctx.get(v, "none"), list(ctx.keys()) == [w])
print(list(ctx.values()), [(k.name, x) for k, x in ctx.items()], [k.name for k in ctx])
try:
    ctx[v]
except KeyError as e:
    print(type(e).__name__, e.args[0] is v)


def body(a, b=0):
    v.set(a + b)
    w.set(99)
    return v.get(), w.get()


print(ctx.run(body, 1, b=2), v.get("unset"), w.get())
print(ctx[v], ctx[w], len(ctx), ctx == ctx.copy(), ctx == Context(), Context() == Context())
print(ctx.copy()[v], copy_context().get(v))

# Entering a context that is already entered is refused.
def reenter():
    try:
        ctx.run(lambda: None)
    except RuntimeError as e:
        print(type(e).__name__, str(e).startswith("cannot enter context:"),
              str(e).endswith("is already entered"))
    return "done"


print(ctx.run(reenter))
try:
    ctx.run(body)
except TypeError as e:
    print(type(e).__name__)
print(v.get("unset after error"))

# Token from one context cannot reset in another.
tok = v.set("outer")
try:
    Context().run(v.reset, tok)
except ValueError as e:
    print(type(e).__name__, str(e).endswith("was created in a different Context"))

# Each thread starts with an empty context (CPython 3.11); a context may be
# run in another thread.
seen = []


def worker(n):
    seen.append((n, str(v.get("empty")), w.get()))
    v.set(n)
    seen.append((n, str(v.get())))


threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(seen), v.get())
out = []
t = threading.Thread(target=lambda: out.append(ctx.run(lambda: (v.get(), w.get()))))
t.start()
t.join()
print(out)
