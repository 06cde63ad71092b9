# Daemon threads count in enumerate() and active_count(); exit does not
# wait for them.
import threading, time
ev = threading.Event()
t = threading.Thread(target=ev.wait, daemon=True, name="d")
t.start()
print(threading.active_count(), sorted(x.name for x in threading.enumerate()))
ev.set(); t.join()
print(threading.active_count())
t2 = threading.Thread(target=time.sleep, args=(10,), daemon=True, name="forever")
t2.start()
print(threading.active_count(), "exiting with daemon alive")
