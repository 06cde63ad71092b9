# CPython's os.path (posixpath and genericpath) over posix.
import os
import os.path
import stat

print(os.path.join("a", "b", "c"), os.path.join("/x", "/y", "z"), os.path.join(b"a", b"b"))
print(os.path.split("/a/b/c.txt"), os.path.splitext("/a/b/c.tar.gz"), os.path.basename("/a/b"))
print(os.path.dirname("/a/b/"), os.path.normpath("/a//b/../c/./d"), os.path.isabs("/a"))
print(os.path.exists("/"), os.path.isdir("/"), os.path.isfile("/"), os.path.exists("/nonexistent"))
print(os.path.islink("/nonexistent"), os.path.abspath("/a/../b"), os.sep, os.pathsep, os.curdir)
print(os.path.commonprefix(["/usr/lib", "/usr/local"]), os.path.relpath("/a/b/c", "/a"))
print(os.path.expanduser("~") == os.environ["HOME"], os.path.getsize("/") >= 0)
print(stat.S_ISDIR(os.stat("/").st_mode), stat.filemode(0o100644), stat.S_IFMT(0o40755))
base = "/tmp/gilgamesh_posix_ospath_%d" % os.getpid()
os.makedirs(base + "/x/y", exist_ok=True)
os.makedirs(base + "/x/y", exist_ok=True)
with os.scandir(base) as it:
    print([e.name for e in it])
fd = os.open(base + "/x/f.txt", os.O_WRONLY | os.O_CREAT, 0o644)
os.write(fd, b"12345")
os.close(fd)
print(os.path.getsize(base + "/x/f.txt"), os.path.isfile(base + "/x/f.txt"))
walked = [(root.replace(base, "BASE"), sorted(dirs), sorted(files)) for root, dirs, files in os.walk(base)]
print(sorted(walked))
os.remove(base + "/x/f.txt")
os.removedirs(base + "/x/y")
print(os.path.exists(base))
