# sys.exit(None) exits with 0, after a subclass of SystemExit is caught as one.
import sys

class Quit(SystemExit):
    pass

try:
    raise Quit(7)
except SystemExit as e:
    print('caught', type(e).__name__, e.code)
print('exiting with None')
sys.exit(None)
