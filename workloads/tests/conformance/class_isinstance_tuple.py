# isinstance/issubclass with tuples, builtin types and bool/int relations.
class Shape: pass
class Circle(Shape): pass
class Square(Shape): pass
class Other: pass

items = [Circle(), Square(), Other(), 3, 2.5, 'str', True, None, [1], (1,)]
for x in items:
    print(type(x).__name__.ljust(8),
          isinstance(x, Shape),
          isinstance(x, (Circle, Other)),
          isinstance(x, (int, float)),
          isinstance(x, (list, tuple, str)))
print(issubclass(Circle, (Square, Shape)), issubclass(Other, (Circle, Square)))
print(issubclass(bool, int), isinstance(True, int), isinstance(1, bool))
print(issubclass(Circle, object), issubclass(int, object), isinstance(None, object))
print(isinstance(Circle, type), isinstance(Circle(), type), isinstance(int, type))
print(type(Circle).__name__, type(type).__name__, type(None).__name__)
print(isinstance(3, ((str, bytes), (float, (int,)))))
try:
    isinstance(3, 'int')
except TypeError as e:
    print('TypeError:', e)
try:
    issubclass(3, int)
except TypeError as e:
    print('TypeError:', e)
