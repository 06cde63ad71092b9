# Bound methods carry their instance; functions on classes are plain functions.
class Greeter:
    def __init__(self, name):
        self.name = name
    def hello(self, other='world'):
        return '%s greets %s' % (self.name, other)

g = Greeter('ann')
m = g.hello
print(m(), m('bob'))
print(m.__self__ is g, m.__func__ is Greeter.hello, m.__name__)
print(type(m).__name__, type(Greeter.hello).__name__)
print(Greeter.hello(g, 'direct'))
print(g.hello == g.hello, g.hello is g.hello)
calls = [Greeter(n).hello for n in ('x', 'y')]
print([c('z') for c in calls])

def free(self):
    return 'free function sees ' + self.name
Greeter.extra = free
print(g.extra())
g.attr_fn = lambda: 'instance lambda, no self'
print(g.attr_fn())
try:
    Greeter.hello()
except TypeError as e:
    print('TypeError:', e)
try:
    g.hello(1, 2)
except TypeError as e:
    print('TypeError:', e)
