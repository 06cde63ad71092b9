def area(self):
    return self.w * self.h

Rect = type("Rect", (), {"w": 2, "h": 3, "area": area})
r = Rect()
print(Rect, Rect.__name__, r.area(), type(r) is Rect, Rect.__mro__)

Square = type("Square", (Rect,), {"w": 4, "h": 4})
print(Square().area(), issubclass(Square, Rect), Square.__bases__)

Stack = type("Stack", (list,), {"push": lambda self, x: self.append(x)})
s = Stack([1])
s.push(2)
print(s, isinstance(s, list), type(s).__name__)

Empty = type("Empty", (), {})
print(Empty, Empty(), type(Empty()).__name__)  if False else print(Empty)
for bad in [(1, (), {}), ("X", [], {}), ("X", (), [])]:
    try:
        type(*bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    type("X", ())
except TypeError as e:
    print("TypeError:", e)
print(type(5), type("x"), type(type))
