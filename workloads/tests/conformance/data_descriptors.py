# The data attributes of builtin types seen from the type: getset and
# member descriptors, as types.py and inspect read them.
import types


def f(a, b=2):
    return a


print(types.GetSetDescriptorType.__name__, types.MemberDescriptorType.__name__)
d = types.FunctionType.__code__
print(repr(d), d.__name__, d.__objclass__ is types.FunctionType)
print(d.__get__(f, types.FunctionType).co_name)
print(d.__get__(None, types.FunctionType) is d)
m = types.FunctionType.__globals__
print(repr(m), type(m).__name__, m.__get__(f) is globals())
print(isinstance(types.FunctionType.__defaults__, types.GetSetDescriptorType))
print(isinstance(types.FunctionType.__closure__, types.MemberDescriptorType))
print(types.FunctionType.__defaults__.__get__(f))
