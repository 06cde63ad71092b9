# ABCMeta.register on a builtin class, and with the registry name overwritten: Python exceptions, not crashes.
import abc
class A(abc.ABC): pass
A._abc_registry = 5
try:
    A.register(int)
except Exception as e:
    print(type(e).__name__, e)
try:
    abc.ABCMeta.register(int, str)
except Exception as e:
    print(type(e).__name__, e)
