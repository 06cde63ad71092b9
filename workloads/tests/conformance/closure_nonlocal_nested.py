# nonlocal across several nesting levels, and global versus nonlocal.
total = 'global total'

def outer():
    total = 0
    def middle():
        def inner(n):
            nonlocal total
            total += n
            return total
        inner(1)
        inner(2)
        return inner(3)
    r = middle()
    return r, total

print(outer())
print(total)

def rebinding():
    x = 1
    def change():
        x = 2
        return x
    def change_nonlocal():
        nonlocal x
        x = 3
        return x
    a = change()
    b = x
    c = change_nonlocal()
    return a, b, c, x

print(rebinding())

def use_global():
    global total
    total = 'changed by function'
use_global()
print(total)

def accumulate():
    items = []
    def add(v):
        items.append(v)
        return len(items)
    return add, items
add, items = accumulate()
add('a'); add('b')
print(items)
