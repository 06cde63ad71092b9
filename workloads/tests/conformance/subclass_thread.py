import threading

class Worker(threading.Thread):
    def __init__(self, n, results):
        super().__init__(name=f"worker-{n}")
        self.n = n
        self.results = results

    def run(self):
        total = sum(range(self.n))
        with lock:
            self.results.append((self.name, total))

lock = threading.Lock()
results = []
workers = [Worker(n, results) for n in (10, 100, 1000)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print(sorted(results))
print([w.is_alive() for w in workers], isinstance(workers[0], threading.Thread))
print(workers[0].name, workers[0].n, type(workers[0]).__name__)

class Daemonic(threading.Thread):
    def __init__(self):
        super().__init__(daemon=True)
        self.seen = None
    def run(self):
        self.seen = threading.current_thread() is self
d = Daemonic()
print(d.daemon)
d.start()
d.join()
print(d.seen)

class Targeted(threading.Thread):
    pass
out = []
t = Targeted(target=out.append, args=("from target",))
t.start()
t.join()
print(out)

class CallsSuperRun(threading.Thread):
    def run(self):
        out.append("before")
        super().run()
        out.append("after")
t = CallsSuperRun(target=lambda: out.append("target"))
t.start(); t.join()
print(out)

class NoInit(threading.Thread):
    def __init__(self):
        pass
try:
    NoInit().start()
except RuntimeError as e:
    print("RuntimeError:", e)

class Failing(threading.Thread):
    def run(self):
        raise ValueError("boom")
f = Failing(name="failing")
f.start()
f.join()
print("after failing thread", f.is_alive())
w = Worker(1, [])
try:
    w.start(); w.start()
except RuntimeError as e:
    print("RuntimeError:", e)
w.join()
