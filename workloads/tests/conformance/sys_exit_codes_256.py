# sys.exit(256): the status is masked to 0..255, so this exits with 0.
import sys
print('exiting with 256')
sys.exit(256)
