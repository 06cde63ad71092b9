# The data attributes of numbers, and dict.popitem.
for n in [0, 7, -3, True, False, 2**70, -(2**65)]:
    print(repr(n), n.real, n.imag, n.numerator, n.denominator, type(n.real).__name__)
for f in [1.5, -0.0, float("inf")]:
    print(repr(f), f.real, f.imag, type(f.imag).__name__)
print(getattr(3, "real"), hasattr(2.0, "numerator"), hasattr(1, "conjugate_not"))
try:
    (1.5).numerator
except AttributeError as e:
    print("AttributeError:", e)

d = {"a": 1, "b": 2, "c": 3}
print(d.popitem(), d)
d["z"] = 9
print(d.popitem(), d.popitem(), d.popitem(), d)
try:
    d.popitem()
except KeyError as e:
    print(repr(e), e, e.args)
