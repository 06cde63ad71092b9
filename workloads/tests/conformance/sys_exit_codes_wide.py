# A code wider than a C int is truncated as CPython's (int) cast does:
# 2**32 + 300 is 300, whose low byte is 44.
import sys
print('exiting with', 2**32 + 300)
sys.exit(2**32 + 300)
