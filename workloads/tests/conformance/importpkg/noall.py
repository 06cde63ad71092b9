a = 1
b = 2
_c = 3
import sys as _sys
