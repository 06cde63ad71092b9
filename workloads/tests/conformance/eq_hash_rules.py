# Which classes are hashable: __eq__ without __hash__ sets __hash__ to None.
class Base:
    def __hash__(self):
        return 1
class EqOnly(Base):
    def __eq__(self, other):
        return True
class Both(EqOnly):
    def __hash__(self):
        return 2
class Inherits(Both):
    pass
class Explicit:
    __hash__ = None
print(Base.__hash__ is None, EqOnly.__hash__ is None, Both.__hash__ is None)
for cls in (Base, EqOnly, Both, Inherits, Explicit):
    try:
        print(cls.__name__, hash(cls()))
    except TypeError as e:
        print(cls.__name__, 'TypeError:', e)
try:
    s = {EqOnly()}
except TypeError as e:
    print('TypeError:', e)
try:
    {}.get(Explicit())
except TypeError as e:
    print('TypeError:', e)
try:
    EqOnly() in {1: 2}
except TypeError as e:
    print('TypeError:', e)
try:
    [1, 2].count(EqOnly())
    print('lists need no hash:', [1, 2].count(EqOnly()), EqOnly() in [5])
except TypeError as e:
    print('TypeError:', e)

# Errors raised by __eq__ and __hash__ propagate out of dict operations.
class Boom:
    def __hash__(self):
        return 0
    def __eq__(self, other):
        raise ValueError('no comparing')
d = {Boom(): 1}
try:
    d[Boom()]
except ValueError as e:
    print('ValueError:', e)
k = next(iter(d))
print(d[k])
class BadHash:
    def __hash__(self):
        raise RuntimeError('no hashing')
try:
    {BadHash(): 1}
except RuntimeError as e:
    print('RuntimeError:', e)
try:
    hash((1, BadHash()))
except RuntimeError as e:
    print('RuntimeError:', e)
