# __annotations__: evaluation order and scope, name mangling, the lazily made empty dict.
def outer():
    T = int
    def mid():
        def f(x: T) -> T: pass
        return f.__annotations__
    return mid()
print(outer())
class K:
    def m(self, __p: "private", *, kw: list = None, **rest: dict) -> "ret":
        pass
print(K.m.__annotations__)
def order(tag):
    print("eval", tag)
    return tag
def g(a: order("a") = order("default"), *b: order("b"), c: order("c"), **d: order("d")) -> order("r"):
    pass
print(g.__annotations__)
g.__annotations__["x"] = 1
print(g.__annotations__, g.__dict__)
h = lambda x: x
print(h.__annotations__, h.__annotations__ is h.__annotations__)
