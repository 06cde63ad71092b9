# sys.exit(-1): C's exit status keeps the low 8 bits, so the process
# exits with 255 (a failing script must not look successful).
import sys
print('exiting with -1')
sys.exit(-1)
