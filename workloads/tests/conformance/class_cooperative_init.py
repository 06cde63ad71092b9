# Cooperative __init__ with **kwargs across a diamond.
class Base:
    def __init__(self, **kw):
        print('Base init, leftover', sorted(kw))
        self.parts = ['Base']

class Left(Base):
    def __init__(self, left=None, **kw):
        print('Left init', left)
        super().__init__(**kw)
        self.parts.append('Left')

class Right(Base):
    def __init__(self, right=None, **kw):
        print('Right init', right)
        super().__init__(**kw)
        self.parts.append('Right')

class Both(Left, Right):
    def __init__(self, **kw):
        print('Both init')
        super().__init__(**kw)
        self.parts.append('Both')

b = Both(left=1, right=2, extra=3)
print(b.parts)
print([c.__name__ for c in Both.__mro__])
