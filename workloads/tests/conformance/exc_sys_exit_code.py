# Ends with SystemExit(3): exit status 3 and nothing on stderr.
import sys
print('before exit')
try:
    sys.exit(7)
except SystemExit as e:
    print('caught exit', e.code)
print('exiting for real')
sys.stdout.flush()
raise SystemExit(3)
