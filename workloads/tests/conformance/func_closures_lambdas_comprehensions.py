def make_counter():
    count = 0
    def inc(step=1):
        nonlocal count
        count += step
        return count
    return inc
c = make_counter()
print(c(), c(), c(5))
def outer(x):
    def middle():
        def inner():
            return x * 2
        return inner()
    return middle()
print(outer(21))
adders = []
for i in range(3):
    adders.append(lambda y, i=i: y + i)
print([f(10) for f in adders])
square = lambda v: v * v
print(square(7), (lambda: "no args")())
def deco(fn):
    def wrapper(*args, **kwargs):
        print("calling", len(args), sorted(kwargs))
        return fn(*args, **kwargs) if False else fn(args[0], **kwargs)
    return wrapper
@deco
def greet(name, punct="!"):
    return "hi " + name + punct
print(greet("bob"), greet("amy", punct="?"))
def repeat(n):
    def d(fn):
        def w(x):
            for _ in range(n):
                x = fn(x)
            return x
        return w
    return d
@repeat(3)
def double(x):
    return x * 2
print(double(1))
def kw(a, *rest, b, c=3, **more):
    return a, rest, b, c, more
print(kw(1, 2, 3, b=4, z=5))
print(kw(1, b=2))
try:
    kw(1)
except TypeError as e:
    print(e)
try:
    kw(1, b=2, a=3)
except TypeError as e:
    print(e)
def only_pos(a, b):
    return a + b
try:
    only_pos(1, c=2)
except TypeError as e:
    print(e)
print([x * x for x in range(6) if x % 2 == 0])
print([(i, j) for i in range(3) for j in range(i)])
print({k: v for k, v in [("a", 1), ("b", 2)]})
words = ["apple", "bob", "kiwi"]
print({w: len(w) for w in words if len(w) > 3})
n = 10
print([n + k for k in range(3)])
def comp_in_func(m):
    base = 100
    return [base + m * q for q in range(m)]
print(comp_in_func(3))
def shadow():
    x = "local"
    def g():
        return x
    x = "changed"
    return g()
print(shadow())
def unbound():
    def g():
        return y
    try:
        g()
    except NameError as e:
        print(e)
    y = 1
unbound()
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print(fact(20))
def varargs_only(*args):
    return sum(args)
print(varargs_only(), varargs_only(1, 2, 3))
total = 0
def add_global(v):
    global total
    total += v
add_global(5); add_global(6)
print(total)
