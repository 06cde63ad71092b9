# sys: switch interval round-trips; argv always has the script name.
import sys
from sys import getswitchinterval
sys.setswitchinterval(0.001)
print(sys.getswitchinterval())
sys.setswitchinterval(0.25)
print(getswitchinterval())
sys.setswitchinterval(0.005)
print(sys.getswitchinterval() == 0.005)
print(len(sys.argv) >= 1)
# CPython stores the interval as whole microseconds and reports 1e-6 * micros.
sys.setswitchinterval(0.0001)
print(sys.getswitchinterval())
sys.setswitchinterval(0.1234567)
print(sys.getswitchinterval())
sys.setswitchinterval(0.003)
print(sys.getswitchinterval())
