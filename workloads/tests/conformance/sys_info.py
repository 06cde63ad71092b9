# What the standard library reads from sys about the interpreter.
import sys

print(sys.float_info.max, sys.float_info.epsilon, sys.float_info.mant_dig, sys.float_info[8])
print(sys.float_info)
print(sys.int_info)
print(sys.hash_info.width, sys.hash_info.modulus, sys.hash_info.inf)
print(type(sys.flags).__name__, sys.flags.optimize, sys.flags.debug, len(sys.flags))
print(sys.version_info >= (3, 11), sys.version_info[:2], sys.version_info.major)
print(sys.warnoptions, sys._xoptions, sys.platlibdir)
print(sys.audit("my.event", 1, 2))
seen = []
sys.addaudithook(lambda event, args: seen.append((event, args)))
sys.audit("my.event", 1, 2)
print(seen)
try:
    sys.audit(5)
except TypeError as e:
    print(type(e).__name__, e)
print(sys.is_finalizing(), sys.gettrace(), sys.getfilesystemencodeerrors())
