import pprint
data = {"alpha": list(range(30)), "beta": {"x": "a" * 40, "y": ["b" * 30, "c" * 30]}, "gamma": (1, 2, 3)}
pprint.pprint(data)
pprint.pprint(list(range(40)), width=30)
print(pprint.pformat({"k%d" % i: i for i in range(12)}, width=40))
print(list.__repr__ is list.__repr__, str.join is str.join, dict.get is dict.get)
print(type([]).__repr__ is list.__repr__)
