class A: pass
class E(Exception): pass
print(A, E, type(A()), int, list, type(None), ValueError)
import threading
print(threading.Thread, threading.Event)
