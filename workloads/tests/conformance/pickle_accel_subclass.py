# Subclasses of _pickle.Pickler and Unpickler: persistent ids, a private
# dispatch table, reducer_override, find_class, memo and fast mode, and
# one pickler shared by threads.
import io
import pickle
import threading
import copyreg


class Record:
    def __init__(self, key, payload):
        self.key = key
        self.payload = payload


class DBPickler(pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, Record):
            return obj.key
        return None


class DBUnpickler(pickle.Unpickler):
    def __init__(self, file, db):
        super().__init__(file)
        self.db = db

    def persistent_load(self, pid):
        return self.db[pid]


db = {"a": Record("a", 1), "b": Record("b", [2])}
for proto in range(6):
    f = io.BytesIO()
    DBPickler(f, proto).dump([db["a"], db["b"], db["a"], "plain"])
    print(proto, f.getvalue())
    f.seek(0)
    back = DBUnpickler(f, db).load()
    print(proto, back[0] is db["a"], back[1] is db["b"], back[3])

# persistent_id as an attribute of a plain Pickler.
f = io.BytesIO()
p = pickle.Pickler(f, 2)
p.persistent_id = lambda obj: "ID" if obj == 42 else None
p.dump([1, 42])
print(f.getvalue())
u = pickle.Unpickler(io.BytesIO(f.getvalue()))
u.persistent_load = lambda pid: ("loaded", pid)
print(u.load())
f = io.BytesIO()
p = pickle.Pickler(f, 0)
p.persistent_id = lambda obj: "ID" if obj == 42 else None
p.dump([1, 42])
print(f.getvalue())


class Temp:
    def __init__(self, c):
        self.c = c


def reduce_temp(t):
    return (Temp, (t.c * 10,))


class TablePickler(pickle.Pickler):
    dispatch_table = copyreg.dispatch_table.copy()
    dispatch_table[Temp] = reduce_temp


f = io.BytesIO()
TablePickler(f, 2).dump(Temp(4))
print(f.getvalue(), pickle.loads(f.getvalue()).c)
f = io.BytesIO()
p = pickle.Pickler(f, 4)
p.dispatch_table = {Temp: reduce_temp}
p.dump(Temp(5))
print(f.getvalue())
print(pickle.loads(pickle.dumps(Temp(6), 4)).c)


class OverridePickler(pickle.Pickler):
    def reducer_override(self, obj):
        if obj is Temp:
            return (str, ("Temp was here",))
        if isinstance(obj, Temp):
            return (int, (obj.c,))
        return NotImplemented


f = io.BytesIO()
OverridePickler(f, 4).dump([Temp, Temp(7), 8, "s"])
print(f.getvalue(), pickle.loads(f.getvalue()))


class SafeUnpickler(pickle.Unpickler):
    def find_class(self, module, name):
        if module == "__builtin__" and name == "set":
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"global '{module}.{name}' is forbidden")


for obj in [{1, 2}, b"xy", Temp(1)]:
    try:
        print(SafeUnpickler(io.BytesIO(pickle.dumps(obj, 2))).load())
    except pickle.UnpicklingError as e:
        print("UnpicklingError", e)

# Memo: kept across dumps until clear_memo().
f = io.BytesIO()
p = pickle.Pickler(f, 2)
s = "shared string"
p.dump(s)
p.dump(s)
p.clear_memo()
p.dump(s)
print(f.getvalue())
f.seek(0)
u = pickle.Unpickler(f)
print(u.load(), u.load(), u.load())
print(p.bin, p.fast)
f = io.BytesIO()
p = pickle.Pickler(f, 2)
p.fast = True
p.dump([s, s])
print(p.fast, f.getvalue())

# Errors.
for bad in [lambda: pickle.dumps(1, 6), lambda: pickle.dumps(1, "x"),
            lambda: pickle.dumps(1, 4, buffer_callback=print),
            lambda: pickle.Pickler(1), lambda: pickle.Unpickler(1),
            lambda: pickle.dumps(threading.Lock())]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)


class R1:
    def __reduce__(self):
        return 5


class R2:
    def __reduce__(self):
        return (1,)


class R3:
    def __reduce__(self):
        return (list, 1)


class R4:
    def __reduce__(self):
        return (list, (), None, 5)


def local():
    def inner():
        pass
    return inner


for obj in [R1(), R2(), R3(), R4(), local()]:
    for proto in (0, 2, 4):
        try:
            pickle.dumps(obj, proto)
        except Exception as e:
            print(proto, type(e).__name__, e)

# One pickler used by several threads: no crash, every dump readable.
out = io.BytesIO()
lock = threading.Lock()


class Sink:
    def write(self, data):
        with lock:
            out.write(len(data).to_bytes(4, "little") + data)


shared_pickler = pickle.Pickler(Sink(), 4)


def worker(n):
    for i in range(50):
        shared_pickler.dump({"n": n, "i": i, "items": list(range(i))})


threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("threaded dumps", out.getvalue().count(b"\x80\x04"))
