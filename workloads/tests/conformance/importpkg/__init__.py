# A package for the import conformance programs (import_*.py).
print("running importpkg/__init__", __name__, __package__)
top_value = 1
_private = 2
