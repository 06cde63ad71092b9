# __slots__: allowed names across the MRO, no __dict__ unless a class lacks __slots__ or lists __dict__, properties over slots.
class P:
    __slots__ = ('x',)
p = P()
for attempt in [lambda: vars(p), lambda: p.__dict__, lambda: p.x]:
    try:
        print(attempt())
    except (TypeError, AttributeError) as e:
        print(type(e).__name__ + ":", e)
class Q(P):
    pass
q = Q(); q.z = 1; print(q.__dict__, hasattr(q, "__dict__"))
class R:
    __slots__ = 'a'
r = R(); r.a = 1; print(R.__slots__, r.a)
class S:
    __slots__ = ('a', '__dict__')
s = S(); s.b = 2; print(s.__dict__)
class T(P):
    __slots__ = ('t',)
t = T(); t.x = 1; t.t = 2; print(t.x, t.t)
try:
    t.other = 3
except AttributeError as e:
    print("AttributeError:", e)
class WithProp:
    __slots__ = ('_v',)
    @property
    def v(self):
        return self._v
    @v.setter
    def v(self, value):
        self._v = value * 2
w = WithProp(); w.v = 4; print(w.v)
try:
    class Bad:
        __slots__ = (1,)
except TypeError as e:
    print("TypeError:", e)
