# is / is not compare identity.
x = None
print(x is None, x is not None)
y = 5
print(y is None, y is not None)
a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a == c, a is not c)
b.append(3)
print(a, c)
print(True is True, False is not True)
d = {}
e = d
e['k'] = 'v'
print(d, d is e)

def nothing():
    pass

r = nothing()
print(r, r is None)

def maybe(flag):
    if flag:
        return 'value'

print(maybe(True), maybe(False) is None)
t = (a, c)
print(t[0] is a, t[1] is a)
