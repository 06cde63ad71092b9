# CPython's os module over posix: os.environ, getenv and putenv.
import os
import posix

print(os.name, os.error is OSError, os.sep, os.linesep == "\n", os.devnull)
print(os.environ["PATH"] == posix.environ[b"PATH"].decode(), "PATH" in os.environ)
print(os.environ["HOME"] == os.getenv("HOME"), type(os.environb).__name__)
os.environ["GILGAMESH_TEST_VAR"] = "v1"
print(os.environ["GILGAMESH_TEST_VAR"], os.getenv("GILGAMESH_TEST_VAR"),
      os.environb[b"GILGAMESH_TEST_VAR"])
del os.environ["GILGAMESH_TEST_VAR"]
print(os.getenv("GILGAMESH_TEST_VAR"), os.environ.get("GILGAMESH_TEST_VAR", "gone"))
try:
    os.environ["GILGAMESH_MISSING_VAR"]
except KeyError as e:
    print("KeyError", e)
try:
    os.environ["X"] = 1
except TypeError as e:
    print("TypeError", e)
print(os.fsencode("abc"), os.fsdecode(b"abc"), os.fspath("p"))
print(os.SEEK_SET, os.SEEK_CUR, os.SEEK_END, os.supports_fd >= {os.stat}, os.stat in os.supports_follow_symlinks)
print(sorted(n for n in ["stat", "listdir", "scandir", "walk", "makedirs", "getcwd", "DirEntry"]
             if hasattr(os, n)))
