# super() without arguments in methods, classmethods and multiple levels.
class Base:
    def __init__(self):
        self.log = ['Base']

    def greet(self):
        return 'hello from Base'

    @classmethod
    def create(cls):
        return 'Base.create for ' + cls.__name__

class Middle(Base):
    def __init__(self):
        super().__init__()
        self.log.append('Middle')

    def greet(self):
        return super().greet() + ' via Middle'

    @classmethod
    def create(cls):
        return super().create() + ' (Middle)'

class Leaf(Middle):
    def __init__(self):
        super().__init__()
        self.log.append('Leaf')

    def greet(self):
        return super().greet() + ' via Leaf'

x = Leaf()
print(x.log)
print(x.greet())
print(Leaf.create())
print(Middle().greet())

class WithNew:
    def __new__(cls, *args):
        print('__new__', cls.__name__, args)
        return super().__new__(cls)
    def __init__(self, a):
        print('__init__', a)
        self.a = a

w = WithNew(5)
print(w.a)
