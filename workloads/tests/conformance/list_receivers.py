# list methods called through the class with a wrong receiver, and a list subclass using super() and the in-place operators.
for f in [lambda: list.append(5, 1), lambda: list.extend((), [1]), lambda: list.remove("x", 1), lambda: list.count(3, 1),
          lambda: list.sort(5), lambda: list(x=1), lambda: [].pop(), lambda: [1].pop(3)]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
class S(list):
    def append(self, x):
        super().append(x * 2)
s = S([1]); s.append(2); s += [3]; s *= 2
print(s, s == [1, 4, 3, 1, 4, 3], s[1:3], type(s[1:3]).__name__)
