# Assignment expressions (:=) in conditions, loops and comprehensions.
data = [3, 8, 1, 9, 4]
if (n := len(data)) > 3:
    print('long list', n)
values = iter(data)
total = 0
while (v := next(values, None)) is not None:
    total += v
print(total, v)

def first_big(items, limit):
    if any((found := x) > limit for x in items):
        return found
    return None
print(first_big(data, 5), first_big(data, 50))

def scopes():
    squares = [y := i * i for i in range(4)]
    return squares, y
print(scopes())

def nested():
    pairs = [[(last := (i, j)) for j in range(2)] for i in range(2)]
    return pairs, last
print(nested())

counter = 0
def bump():
    global counter
    return [counter := counter + k for k in (1, 2, 3)]
print(bump(), counter)
print([m for s in ['a1', 'b', 'c22'] if (m := len(s)) > 1], m)
print((w := 10) + w, w)

def closure():
    result = [(z := k) for k in 'abc']
    def inner():
        return z
    return inner()
print(closure())
