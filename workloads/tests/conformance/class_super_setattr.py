class P:
    def __setattr__(self, name, value):
        print("set", name)
        super().__setattr__(name, value)
    def __getattr__(self, name):
        return "missing " + name
p = P()
p.x = 1
print(p.x, p.y)
class Q:
    def __init__(self):
        object.__setattr__(self, "a", 2)
print(Q().a)
