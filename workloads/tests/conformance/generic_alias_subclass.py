# A subclass of types.GenericAlias, as _collections_abc._CallableGenericAlias is.
GenericAlias = type(list[int])
class C(GenericAlias):
    __slots__ = ()
    def __new__(cls, origin, args):
        if not (isinstance(args, tuple) and len(args) == 2):
            raise TypeError("bad")
        return super().__new__(cls, origin, args)
    def __repr__(self):
        return "C:" + super().__repr__()
c = C(list, (int, str))
print(type(c).__name__, c, c.__origin__, c.__args__, isinstance(c, GenericAlias))
try:
    C(list, 5)
except TypeError as e:
    print("TypeError", e)
