# Name mangling: __private names inside a class become _Class__private.
class Base:
    __count = 0
    def __init__(self):
        Base.__count += 1
        self.__id = Base.__count
    def __describe(self):
        return 'Base#%d' % self.__id
    def describe(self):
        return self.__describe()
    @classmethod
    def count(cls):
        return cls.__count

class Child(Base):
    def __describe(self):
        return 'Child'
    def both(self):
        return self.__describe(), self.describe()

c = Child()
print(c.both(), Base.count(), Child.count())
print(sorted(k for k in vars(c)), sorted(k for k in vars(Base) if 'Base' in k))
print(getattr(c, '_Base__id'), hasattr(c, '__id'), hasattr(Child, '_Child__describe'))

class _Underscored:
    def __init__(self):
        self.__v = 1
print(list(vars(_Underscored())))

class Outer:
    class Inner:
        def __init__(self):
            self.__x = 'inner'
    def make(self):
        self.__y = 'outer'
        return self.Inner()
o = Outer()
print(list(vars(o.make())), list(vars(o)))

class Dunders:
    __slots_like__ = 'kept'
    def __init__(self):
        self.__value__ = 'not mangled'
print(Dunders.__slots_like__, Dunders().__value__)

__module_level = 'global'
class ReadsGlobal:
    def get(self):
        try:
            return __module_level
        except NameError as e:
            return 'NameError: ' + str(e)
print(ReadsGlobal().get())
try:
    c.__describe()
except AttributeError as e:
    print('AttributeError:', e)
