# dict union (|, |=), dict.fromkeys, reversed() over dicts and their views,
# and the errors of dict(), update and |= on bad pair sequences.
a = {"x": 1, "y": 2}
b = {"y": 20, "z": 30}
print(a | b, b | a, a, a | {})
c = a
c |= b
print(c is a, a)
a |= [("w", 0)]
print(a)
for bad in [lambda: a | [("q", 1)], lambda: {} | 1]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
for bad_update in [1, [1], [[1]], [(1, 2, 3)]]:
    for how in ["|=", "update", "dict"]:
        try:
            d = {}
            if how == "|=":
                d |= bad_update
            elif how == "update":
                d.update(bad_update)
            else:
                dict(bad_update)
        except (TypeError, ValueError) as e:
            print(how, type(e).__name__ + ":", e)

print(dict.fromkeys("ab"), {}.fromkeys([1], 0), dict.fromkeys(range(3), []))
for args in [(), (1,), ([], 1, 2)]:
    try:
        dict.fromkeys(*args)
    except TypeError as e:
        print("TypeError:", e)

d = {"a": 1, "b": 2, "c": 3}
print(list(reversed(d)), list(reversed(d.keys())), list(reversed(d.values())), list(reversed(d.items())))
try:
    reversed({1, 2})
except TypeError as e:
    print("TypeError:", e)
