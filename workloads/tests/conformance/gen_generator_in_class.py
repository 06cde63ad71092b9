# __iter__ written as a generator, and generator methods with state.
class Tree:
    def __init__(self, value, *children):
        self.value = value
        self.children = children
    def __iter__(self):
        yield self.value
        for c in self.children:
            yield from c
    def depth_first(self, depth=0):
        yield depth, self.value
        for c in self.children:
            yield from c.depth_first(depth + 1)

t = Tree(1, Tree(2, Tree(3)), Tree(4, Tree(5), Tree(6)))
print(list(t), sum(t), 5 in t, 9 in t)
for depth, v in t.depth_first():
    print('  ' * depth + str(v))

class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        n = self.n
        while n:
            yield n
            n -= 1
c = Countdown(3)
print(list(c), list(c), [(a, b) for a in c for b in c if a > b])
