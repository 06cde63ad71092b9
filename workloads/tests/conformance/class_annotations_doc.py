# __doc__ and __annotations__ of modules and classes.
"""mod doc"""
print(__doc__)
x: int = 3
y: "str"
print(__annotations__)
class A:
    "cdoc"
    a: int
    b: list[int] = []
    if True:
        c: float = 1.0
    def f(self):
        z: int = 1
        return z
print(A.__doc__, A.__annotations__, A().f())
class B:
    __p: int
print(B.__annotations__, "__annotations__" in B.__dict__)
class C: pass
print("__annotations__" in C.__dict__)
