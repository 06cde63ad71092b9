# Polymorphic dispatch over a list of objects, template methods, and hooks.
class Shape:
    def area(self):
        raise NotImplementedError(type(self).__name__ + ' must implement area')
    def report(self):
        return '%-9s area=%7.2f' % (type(self).__name__, self.area())

class Rect(Shape):
    def __init__(self, w, h):
        self.w, self.h = w, h
    def area(self):
        return self.w * self.h

class Square(Rect):
    def __init__(self, s):
        super().__init__(s, s)

class Circle(Shape):
    def __init__(self, r):
        self.r = r
    def area(self):
        return 3.14159 * self.r ** 2

class Blob(Shape):
    pass

shapes = [Rect(2, 3), Square(4), Circle(1.5), Rect(0.5, 0.5)]
for s in shapes:
    print(s.report())
print('total %.3f' % sum(s.area() for s in shapes))
print([type(s).__name__ for s in sorted(shapes, key=lambda s: s.area())])
try:
    Blob().report()
except NotImplementedError as e:
    print('NotImplementedError:', e)
