# atexit callbacks run last-registered first after the program ends; dir() and locals() at module level.
import atexit

def bye(name, punct="!"):
    print("bye", name + punct)

atexit.register(bye, "first")
atexit.register(bye, "second", punct="?")
@atexit.register
def decorated():
    print("decorated runs first")
def never():
    print("never")
atexit.register(never)
atexit.unregister(never)
print(atexit._ncallbacks() > 0)
try:
    atexit.register(3)
except TypeError as e:
    print("TypeError", e)
x_local = 5
print([n for n in dir() if not n.startswith("__")], locals()["x_local"], locals() is globals())
class K:
    a = 1
    print(sorted(k for k in locals() if not k.startswith("__")), dir())
print("main done")
