# Closures capture variables, not values: the classic late-binding loop.
funcs = []
for i in range(4):
    funcs.append(lambda: i)
print([f() for f in funcs])

funcs = [lambda i=i: i for i in range(4)]
print([f() for f in funcs])

def make_adders():
    adders = []
    for k in range(3):
        def add(x, k=k):
            return x + k
        adders.append(add)
    return adders
print([a(10) for a in make_adders()])

def shared():
    fs = []
    x = 'first'
    fs.append(lambda: x)
    x = 'second'
    fs.append(lambda: x)
    return fs
print([f() for f in shared()])

def factory(n):
    return [lambda: n * j for j in range(3)]
print([f() for f in factory(5)])
