# Imported by many threads at once (import_threads.py): the body must run
# once, and every importer must see it complete.
import sys
import time

sys.slow_loads = getattr(sys, "slow_loads", 0) + 1
time.sleep(0.05)
done = True
