# Creates garbage cycles: two instances that refer to each other, and a list
# that contains itself, per round. Reference counting frees none of them;
# only the cyclic collector does. Usage: cycles.py [ROUNDS] [disable]
# With "disable" the collector is off (gc.disable()) and memory grows with
# ROUNDS: the collector is what keeps it flat.
import gc
import sys


class Node:
    def __init__(self, name):
        self.name = name
        self.other = None


rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 2000000
if len(sys.argv) > 2 and sys.argv[2] == "disable":
    gc.disable()

for i in range(rounds):
    a = Node(i)
    b = Node(i)
    a.other = b
    b.other = a
    l = [a]
    l.append(l)

del a, b, l
print("rounds", rounds)
print("collections happened", gc.get_stats()[0]["collections"] > 0 or not gc.isenabled())
print("after collect", gc.collect() >= 0)
