# and/or return one of their operands; not always returns a bool.
print(1 and 2, 0 and 2, 1 or 2, 0 or 2)
print(None or 'default', 'set' or 'default')
print([] or [1, 2], [3] or [1, 2])
print('' and 'x', 'a' and 'b' and 'c', 'a' and 0 and 'c')
print(None or 0 or '' or 'last')
print(0 or None)
print(not 0, not 1, not '', not 'x', not [], not None, not not 5)
calls = []

def mark(name, value):
    calls.append(name)
    return value

r = mark('a', 0) and mark('b', 1)
print(r, calls)
calls = []
r = mark('a', 1) or mark('b', 1)
print(r, calls)
calls = []
r = mark('a', 1) and mark('b', 0) or mark('c', 'c-value')
print(r, calls)
x = 5
if x > 3 and x < 10:
    print('in range')
if not (x > 3 and x < 4):
    print('not in narrow range')
if x == 4 or x == 5:
    print('four or five')
print(True and False, True or False, False or False)
print(1 < 2 and 'yes', 1 > 2 or 'no')
