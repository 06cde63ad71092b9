# Imports of the script's own modules and packages (importpkg/, circ/ beside
# this file): dotted and relative imports, `as`, `from ... import *`,
# sys.modules, module attributes and CPython's error messages.
import sys

MAIN = vars(sys.modules["__main__"])
DIR = __file__.rsplit("/", 1)[0]


def clean(e):
    return type(e).__name__ + ": " + str(e).replace(DIR, "DIR")


import importpkg.plain
print(importpkg.top_value, importpkg.plain.value, importpkg.plain.also)
print(importpkg.plain.helpers is sys.modules["importpkg.helpers"])
import importpkg.plain as p2
print(p2 is importpkg.plain, p2.__name__, p2.__package__)
import importpkg.sub.leaf as leaf
print(leaf.LEAF, leaf.__name__, leaf.__package__, importpkg.sub.total)
from importpkg import sub
print(sub.total, sub.__package__, sub.__spec__.name, sub.__spec__.parent)
print(sub.__path__ == [DIR + "/importpkg/sub"], sub.__file__ == DIR + "/importpkg/sub/__init__.py")
print(importpkg.plain.__file__ == DIR + "/importpkg/plain.py", hasattr(importpkg.plain, "__path__"))

# from ... import * honours __all__, or skips underscore names.
from importpkg.helpers import *
print(double(4), PUBLIC, "not_in_all" in MAIN, "_hidden" in MAIN)
from importpkg.noall import *
print(a, b, "_c" in MAIN, "_sys" in MAIN)

# Namespace packages: a folder without __init__.py.
import importpkg.nsless.inner
print(importpkg.nsless.inner.INNER, importpkg.nsless.__file__ if hasattr(importpkg.nsless, "__file__") else "no __file__")

# A module-level __getattr__ (PEP 562).
from importpkg import dyn
print(dyn.auto_hello, getattr(dyn, "auto_x", None))
try:
    dyn.other
except AttributeError as e:
    print(clean(e))
try:
    from importpkg.dyn import missing
except ImportError as e:
    print(clean(e))

# A module that replaces itself in sys.modules.
import importpkg.replacer as r
print(type(r).__name__, r.answer)

# A module that raises leaves no entry in sys.modules, and raises again.
for attempt in range(2):
    try:
        import importpkg.broken
    except ValueError as e:
        print(attempt, clean(e), "importpkg.broken" in sys.modules)

# Circular imports.
import circ.a
print(circ.a.A2)

# Errors.
try:
    from importpkg import no_such_name
except ImportError as e:
    print(clean(e), "| name:", e.name)
try:
    from importpkg.helpers import no_such_name
except ImportError as e:
    print(clean(e), "| name:", e.name)
try:
    from . import x
except ImportError as e:
    print(clean(e), "| name:", e.name)
try:
    from .x import y
except ImportError as e:
    print(clean(e), "| name:", e.name)
# __import__(name, globals, locals, fromlist, level)
for stmt in [
    ("no_such_module_xyz",),
    ("importpkg.no_such",),
    ("importpkg.helpers.deeper",),
    ("sys.path",),
    ("importpkg", None, None, ["no_such_name"]),
    ("helpers", {"__package__": "importpkg"}, None, ["x"], 1),
    ("helpers", {"__name__": "importpkg.plain"}, None, ["x"], 1),
    ("", {"__name__": "importpkg", "__path__": []}, None, ["leaf"], 1),
    ("x", {"__package__": "importpkg"}, None, [], 3),
    (5,),
    ("",),
    ("x", None, None, [], -1),
    ("x", {}, None, [], 1),
]:
    try:
        __import__(*stmt)
    except (ImportError, TypeError, ValueError, KeyError) as e:
        print(stmt[0], "->", clean(e), "| name:", getattr(e, "name", "-"))
    else:
        print(stmt[0], "-> imported")

m = __import__("importpkg.sub.leaf")
print(m.__name__, __import__("importpkg.sub.leaf", fromlist=["LEAF"]).__name__)
print(__import__("sub.leaf", {"__package__": "importpkg"}, None, [], 1).__name__)
print(__import__("", {"__package__": "importpkg.sub"}, None, ["leaf"], 1).leaf.LEAF)
import importlib
print(importlib.import_module("importpkg.sub").total, importlib.import_module(".leaf", "importpkg.sub").LEAF)
print(importlib.import_module("..helpers", "importpkg.sub").PUBLIC)
try:
    importlib.import_module(".x")
except TypeError as e:
    print(clean(e))
print(__name__, __package__, __spec__, sys.modules["__main__"].__name__)
print([m for m in sorted(sys.modules) if m.startswith(("importpkg", "circ"))])
print(sys.path[0] == DIR)
