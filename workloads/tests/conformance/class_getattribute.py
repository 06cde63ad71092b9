# __getattribute__: every read, object.__getattribute__ and super(), falling back to __getattr__ on AttributeError.
class Spy:
    cls_attr = "class"
    def __init__(self):
        self.a = 1
    def method(self):
        return "method result"
    def __getattribute__(self, name):
        if not name.startswith("__"):
            print("  get", name)
        return object.__getattribute__(self, name)
s = Spy()
print(s.a, s.cls_attr, s.method())
try:
    s.missing
except AttributeError as e:
    print("AttributeError:", e)

class Fallback(Spy):
    def __getattr__(self, name):
        return "fallback " + name
f = Fallback()
print(f.a, f.nothing)

class Redirect:
    def __getattribute__(self, name):
        if name == "secret":
            raise AttributeError("hidden")
        if name == "answer":
            return 42
        return super().__getattribute__(name)
    def __getattr__(self, name):
        return "getattr " + name
r = Redirect()
print(r.answer, r.secret, r.__class__.__name__)
try:
    object.__getattribute__(r, 5)
except TypeError as e:
    print("TypeError:", e)
print(object.__getattribute__([1, 2], "count")(1))


# Deleting the hooks from the class afterwards: reads and creation go back
# to the defaults.
class Temporary:
    def __init__(self):
        self.a = 1

    def __getattribute__(self, name):
        print("hook", name)
        return object.__getattribute__(self, name)


t = Temporary()
print(t.a)
del Temporary.__getattribute__
print(t.a)


class Made:
    def __new__(cls):
        print("new")
        return super().__new__(cls)


Made()
del Made.__new__
print(type(Made()).__name__)
