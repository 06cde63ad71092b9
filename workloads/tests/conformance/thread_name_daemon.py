# Thread attributes: name, daemon, is_alive, ident before/after start.
import threading

seen = {}
def work(tag):
    cur = threading.current_thread()
    seen[tag] = (cur.name, cur.daemon)

t1 = threading.Thread(target=work, args=('a',), name='alpha')
t2 = threading.Thread(target=work, args=('b',), name='beta', daemon=True)
t3 = threading.Thread(target=work, args=('c',))
t3.daemon = True
print(t1.name, t1.daemon, t2.name, t2.daemon, t3.daemon)
print(t1.is_alive(), t1.ident is None)
for t in (t1, t2, t3):
    t.start()
for t in (t1, t2, t3):
    t.join()
print(seen['a'], seen['b'], seen['c'][1], seen['c'][0] == t3.name)
print(t3.name)
print(t1.is_alive(), t1.ident is not None, isinstance(t1.ident, int))
print(threading.current_thread().name, threading.main_thread() is threading.current_thread())
print(threading.current_thread().daemon)
t4 = threading.Thread(target=lambda: None)
t4.name = 'renamed'
t4.start()
t4.join()
print(t4.name)
try:
    t1.start()
except RuntimeError as e:
    print('RuntimeError:', e)
try:
    t2.daemon = False
except RuntimeError as e:
    print('RuntimeError:', e)
t5 = threading.Thread(target=work, args=('d',), kwargs={})
print(isinstance(t5, threading.Thread), t5.is_alive())
