# A code that does not fit a C long exits with -1, that is 255.
import sys
print('exiting with 2**100')
sys.exit(2**100)
