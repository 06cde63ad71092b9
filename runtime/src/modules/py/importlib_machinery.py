# importlib.machinery: what this runtime's import system is made of, as
# CPython's module names it. The finders and loaders themselves are Rust
# (runtime/src/modules/import.rs); what the library reads from here is the
# file suffixes each kind of module has, and ModuleSpec.

from importlib import ModuleSpec

# Source files are the only modules read from disk: the runtime compiles
# them on import and loads no C extensions.
SOURCE_SUFFIXES = ['.py']
BYTECODE_SUFFIXES = ['.pyc']
DEBUG_BYTECODE_SUFFIXES = ['.pyc']
OPTIMIZED_BYTECODE_SUFFIXES = ['.pyc']
EXTENSION_SUFFIXES = []


def all_suffixes():
    """The suffixes of every kind of module file."""
    return SOURCE_SUFFIXES + BYTECODE_SUFFIXES + EXTENSION_SUFFIXES
