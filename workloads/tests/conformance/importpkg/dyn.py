# PEP 562: a module-level __getattr__ and __dir__.
def __getattr__(name):
    if name.startswith("auto_"):
        return name[5:].upper()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
