# importlib: the parts of CPython's importlib that programs call. The import
# system itself is Rust (runtime/src/modules/import.rs); `_gcd_import` is
# its entry point.


class ModuleSpec:
    """The specification of a module: its name and where it comes from."""

    def __init__(self, name, loader, *, origin=None, loader_state=None, is_package=None):
        self.name = name
        self.loader = loader
        self.origin = origin
        self.loader_state = loader_state
        self.submodule_search_locations = [] if is_package else None
        self.cached = None

    def __repr__(self):
        args = ["name={!r}".format(self.name), "loader={!r}".format(self.loader)]
        if self.origin is not None:
            args.append("origin={!r}".format(self.origin))
        if self.submodule_search_locations is not None:
            args.append("submodule_search_locations={}".format(self.submodule_search_locations))
        return "ModuleSpec(" + ", ".join(args) + ")"

    def __eq__(self, other):
        if not isinstance(other, ModuleSpec):
            return NotImplemented
        return (self.name == other.name and self.loader == other.loader
                and self.origin == other.origin
                and self.submodule_search_locations == other.submodule_search_locations
                and self.cached == other.cached)

    @property
    def parent(self):
        """The name of the package this module belongs to."""
        if self.submodule_search_locations is None:
            return self.name.rpartition(".")[0]
        return self.name

    @property
    def has_location(self):
        return self.origin is not None and self.origin != "built-in"


def import_module(name, package=None):
    """Import a module; a relative `name` ('.mod') needs `package`."""
    level = 0
    if name.startswith("."):
        if not package:
            raise TypeError("the 'package' argument is required to perform a "
                            "relative import for {!r}".format(name))
        for character in name:
            if character != ".":
                break
            level += 1
    return _gcd_import(name[level:], package, level)


def invalidate_caches():
    """This runtime keeps no finder caches: every import looks at the files."""


def _run_module_as_main(name):
    """`gilgamesh -m NAME`: run a module, or a package's `__main__`, as the
    `__main__` module, as CPython's runpy does: the parent packages are
    imported first, `sys.argv[0]` becomes the file's path, and the code runs
    in `__main__`'s namespace. A module that cannot be found is reported as
    CPython reports it, without a traceback."""
    import sys
    try:
        path, package = _find_main(name)
    except ImportError as e:
        sys.stderr.write("{}: {}\n".format(sys.executable, e))
        raise SystemExit(1)
    with open(path, "rb") as f:
        source = f.read()
    code = compile(source, path, "exec")
    main = sys.modules["__main__"].__dict__
    main.update(__name__="__main__", __file__=path, __package__=package,
                __cached__=None, __spec__=None, __loader__=None)
    sys.argv[0] = path
    exec(code, main)


def _find_main(name):
    """The file `-m NAME` runs and its package, importing the parents."""
    import sys
    if name.startswith("."):
        raise ImportError("Relative module names not supported")
    parent, _, leaf = name.rpartition(".")
    if parent:
        import_module(parent)
        folders = getattr(sys.modules[parent], "__path__", None)
        if folders is None:
            raise ImportError(
                "Error while finding module specification for {!r} "
                "(ModuleNotFoundError: __path__ attribute not found on {!r} while "
                "trying to find {!r})".format(name, parent, name))
    else:
        folders = sys.path
    import posix
    for folder in folders:
        if not folder.startswith("/"):
            # CPython's runpy reports absolute paths.
            folder = _join(posix.getcwd(), folder) if folder not in ("", ".") else posix.getcwd()
        base = _join(folder, leaf)
        if _is_file(base + ".py"):
            return base + ".py", parent
        if _is_file(_join(base, "__init__.py")):
            # A package runs its __main__ submodule.
            import_module(name)
            path = _join(base, "__main__.py")
            if not _is_file(path):
                raise ImportError(
                    "No module named {}.__main__; {!r} is a package and cannot be "
                    "directly executed".format(name, name))
            return path, name
    raise ImportError("No module named {}".format(name))


def _join(folder, name):
    return folder.rstrip("/") + "/" + name if folder else name


def _is_file(path):
    import posix
    try:
        mode = posix.stat(path).st_mode
    except OSError:
        return False
    return mode & 0o170000 == 0o100000
