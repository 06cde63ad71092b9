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
