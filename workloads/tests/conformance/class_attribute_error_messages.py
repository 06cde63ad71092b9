# AttributeError messages for instances, classes, modules and builtins.
class C:
    def __init__(self):
        self.present = 1

def show(f):
    try:
        f()
    except AttributeError as e:
        print(e)

c = C()
show(lambda: c.x)
show(lambda: C.x)
show(lambda: c.present.nope)
show(lambda: (1, 2).append(3))
show(lambda: 'abc'.push)
show(lambda: None.x)
show(lambda: [].nope)
show(lambda: {}.nope)
show(lambda: (5).nope)
show(lambda: int.nope)
class Sub(C):
    pass
show(lambda: Sub().missing_attr)
def g():
    pass
show(lambda: g.nope)
try:
    c.x
except AttributeError as e:
    print(repr(e), e.args)
