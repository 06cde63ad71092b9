# A class's __name__ and __qualname__ may be reassigned (typing renames its
# `io` and `re` namespaces and registers them in sys.modules by the new
# name; nothing else in sys.modules may change).
import sys
class A: pass
A.__name__ = 'B'
A.__qualname__ = 'Q.B'
print(A.__name__, A.__qualname__, A, '__name__' in vars(A), '__qualname__' in vars(A))
for bad in (3, None):
    try:
        A.__name__ = bad
    except TypeError as e:
        print(e)
try:
    A.__qualname__ = 4
except TypeError as e:
    print(e)
try:
    A.__name__ = "a\0b"
except ValueError as e:
    print(e)
try:
    int.__name__ = "integer"
except TypeError as e:
    print(e)
import re, io
import typing
print(sys.modules['typing.io'], sys.modules['typing.re'])
print(sys.modules['re'] is re, sys.modules['io'] is io)
import asyncio, json
print(json.loads('{"a": [1, 2]}'), re.compile("a+").match("aaa").group())
