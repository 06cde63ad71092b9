# ** unpacking in dict displays: order, later keys winning, user mappings
# (keys() and __getitem__), and the error for a value that is not a mapping.
a = {"a": 1, "b": 2}
print({**a, "a": 3}, {"a": 0, **a}, {**a, **{"c": 3}, "d": 4}, {**{}})


def order(tag):
    print("eval", tag)
    return tag


print({order("k1"): order("v1"), **{order("m"): 1}, order("k2"): order("v2")})


class Mapping:
    def keys(self):
        return ["x", "y"]

    def __getitem__(self, key):
        return key * 2


print({**Mapping(), "z": 1})
d = {}
d.update(Mapping())
d.update([("p", 1)], q=2)
print(d)
for bad in [1, [("k", "v")], None]:
    try:
        {**bad}
    except TypeError as e:
        print("TypeError:", e)
