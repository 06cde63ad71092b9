# Deriving from socket.socket and queue.Queue: constructor arguments,
# super().__init__, the base's methods, isinstance.
import queue
import socket
import threading


class Server(socket.socket):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.tag = "server"

    def serve_once(self):
        conn, _ = self.accept()
        with conn:
            conn.sendall(conn.recv(5).upper())


print(socket.socket, isinstance(socket.socket, type), socket.socket.__name__)
s = Server(socket.AF_INET, socket.SOCK_STREAM)
print(type(s).__name__, isinstance(s, socket.socket), s.tag, issubclass(Server, socket.socket))
s.bind(("127.0.0.1", 0))
s.listen()
t = threading.Thread(target=s.serve_once)
t.start()
c = socket.create_connection(s.getsockname())
print(type(c).__name__, isinstance(c, socket.socket))
c.sendall(b"hello")
print(c.recv(5))
t.join()
c.close()
s.close()


class Plain(socket.socket):
    pass


p = Plain()
print(type(p).__name__, p.gettimeout())
p.close()
try:
    Plain(12345)
except OSError as e:
    print("OSError", e.errno)


class Jobs(queue.Queue):
    def __init__(self, limit):
        super().__init__(maxsize=limit)
        self.added = 0

    def put(self, item, block=True, timeout=None):
        self.added += 1
        super().put(item * 2, block, timeout)


print(queue.Queue, isinstance(queue.Queue, type))
j = Jobs(2)
j.put(1)
j.put(2)
print(j.full(), j.qsize(), j.added, isinstance(j, queue.Queue), j.maxsize)
try:
    j.put(3, block=False)
except queue.Full:
    print("Full")
print(j.get(), j.get(), j.empty())
try:
    j.get_nowait()
except queue.Empty:
    print("Empty")


class Unbounded(queue.Queue):
    pass


u = Unbounded()
for i in range(3):
    u.put(i)
print([u.get() for _ in range(3)], type(u).__name__, u.maxsize)
q = queue.Queue(3)
print(type(q).__name__, q.maxsize)
