# Positional-only parameters (before /) and CPython's messages about them.
def clamp(value, lo=0, hi=10, /):
    return max(lo, min(hi, value))
print(clamp(15), clamp(-3, -5), clamp(4, 5, 9))

def kw_collect(a, b, /, **kwargs):
    return a, b, kwargs
print(kw_collect(1, 2, a=3, b=4))

def mixed(a, /, b, *, c=0):
    return a + b + c
print(mixed(1, 2), mixed(1, b=2), mixed(1, 2, c=3))

def check(f):
    try:
        print(f())
    except TypeError as e:
        print('TypeError:', e)

check(lambda: clamp(value=1))
check(lambda: mixed(a=1, b=2))
check(lambda: kw_collect(1))
check(lambda: clamp())
check(lambda: clamp(1, 2, 3, 4))
check(lambda: mixed(1, 2, 3))

class Vec:
    def __init__(self, x, y, /):
        self.x, self.y = x, y
    def scaled(self, k, /):
        return Vec(self.x * k, self.y * k)
v = Vec(1, 2).scaled(3)
print(v.x, v.y)
check(lambda: Vec(1, y=2))
check(lambda: Vec(1, 2).scaled(k=2))
print(clamp.__defaults__, mixed.__kwdefaults__)
