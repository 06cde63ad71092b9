# repr(float) when two shortest digit strings are equally near the value:
# CPython takes the one nearest the exact value, ties to even.
values = [1460440090046075.25, 147911246368985.625, 1904963049591446.75, 634017977733054.25,
          1612376320280443.25, 1823398258831505.25, 2.0 ** 53 + 2, 0.1 + 0.2, 1e23, 5e-324]
for v in values:
    print(repr(v), repr(-v), str(v))
print([x * 0.25 + 2.0 ** 50 for x in range(12)])
