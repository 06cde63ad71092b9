# The @ operator and the unary dunders (__neg__, __pos__, __invert__,
# __abs__) on user classes, and the errors where nothing applies.
class M:
    def __init__(self, v):
        self.v = v

    def __matmul__(self, o):
        return M(self.v * (o.v if isinstance(o, M) else o))

    def __rmatmul__(self, o):
        return M(o * 10 * self.v)

    def __neg__(self):
        return M(-self.v)

    def __pos__(self):
        return "pos"

    def __invert__(self):
        return M(~self.v)

    def __abs__(self):
        return abs(self.v)

    def __repr__(self):
        return f"M({self.v})"


a = M(2)
print(a @ M(3), 4 @ a, a @ 5)
a @= M(7)
print(a, -a, +a, ~a, abs(M(-5)), -(-a))


class InPlace:
    def __imatmul__(self, o):
        print("imatmul", o)
        return self


n = InPlace()
n @= 3


class Plain:
    pass


for x, y in [(1, 2), (1.5, 2), ([1], [2]), ("a", M(1)), (Plain(), Plain())]:
    try:
        print(x @ y)
    except TypeError as e:
        print("TypeError:", e)
for op in [lambda v: -v, lambda v: +v, lambda v: ~v, abs]:
    try:
        op(Plain())
    except TypeError as e:
        print("TypeError:", e)
try:
    z = 3
    z @= 4
except TypeError as e:
    print("TypeError:", e)
