# TypeError messages for bad calls: counts, unexpected and missing keywords.
def two(a, b):
    return a + b

def kwonly(*, key):
    return key

def defaults(a, b=1, c=2):
    return a

def err(f):
    try:
        f()
    except TypeError as e:
        print(e)

err(lambda: two(1))
err(lambda: two())
err(lambda: two(1, 2, 3))
err(lambda: two(1, 2, c=3))
err(lambda: two(1, a=1))
err(lambda: kwonly())
err(lambda: kwonly(1))
err(lambda: kwonly(key=1, other=2))
err(lambda: defaults())
err(lambda: defaults(1, 2, 3, 4))
class K:
    def m(self, x):
        return x
err(lambda: K().m())
err(lambda: K().m(1, 2))
err(lambda: K().m(y=1))
def noargs():
    pass
err(lambda: noargs(1))
err(lambda: noargs(x=1))
