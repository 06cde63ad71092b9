# `raise SystemExit(3)` is sys.exit(3); a SystemExit in a thread ends only
# that thread, silently; `finally` blocks run on the way out.
import threading

def worker():
    print('worker exits')
    raise SystemExit(5)

t = threading.Thread(target=worker)
t.start()
t.join()
print('main still running', t.is_alive())
try:
    raise SystemExit(3)
finally:
    print('finally ran')
