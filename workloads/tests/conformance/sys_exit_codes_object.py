# A non-int, non-None code is printed to stderr and the status is 1.
import sys

class Reason:
    def __str__(self):
        return 'custom reason'

try:
    sys.exit(Reason())
except SystemExit as e:
    print('code is a', type(e.code).__name__)
try:
    sys.exit()
except SystemExit as e:
    print('no argument:', e.code)
try:
    raise SystemExit(1, 2)
except SystemExit as e:
    print('two arguments:', e.code)
sys.exit(Reason())
