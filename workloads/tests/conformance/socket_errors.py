# socket errors: OSError subclasses with (errno, strerror), timeouts,
# non-blocking calls, argument errors.
import socket


def attempt(what, f):
    try:
        r = f()
        print(what, "->", r)
    except Exception as e:
        print(what, "->", type(e).__name__ + ":", e)
        return e


print(issubclass(ConnectionRefusedError, ConnectionError))
print(issubclass(BrokenPipeError, ConnectionError), issubclass(ConnectionResetError, OSError))
print(issubclass(BlockingIOError, OSError), socket.error is OSError, socket.timeout is TimeoutError)
print(issubclass(socket.gaierror, OSError))
e = OSError(2, "No such file or directory")
print(str(e), e.errno, e.strerror, e.args)
print(OSError("just a message").errno, str(OSError("just a message")))

# A port that nothing listens on: bind one, then close it.
probe = socket.socket()
probe.bind(("127.0.0.1", 0))
free_port = probe.getsockname()[1]
probe.close()
e = attempt("refused", lambda: socket.create_connection(("127.0.0.1", free_port)))
print(e.errno, e.strerror, isinstance(e, ConnectionError))
s = socket.socket()
print("connect_ex", s.connect_ex(("127.0.0.1", free_port)))
s.close()

s = socket.socket()
attempt("recv unconnected", lambda: s.recv(10))
attempt("accept unlistened", lambda: s.accept())
attempt("negative recv", lambda: s.recv(-1))
attempt("send str", lambda: s.sendall("text"))
attempt("bad port", lambda: s.bind(("127.0.0.1", 65536)))
attempt("negative port", lambda: s.connect(("127.0.0.1", -1)))
attempt("address not tuple", lambda: s.connect("127.0.0.1"))
attempt("address short", lambda: s.bind(("127.0.0.1",)))
attempt("host not str", lambda: s.bind((127, 0)))
attempt("port not int", lambda: s.bind(("127.0.0.1", "80")))
attempt("bad timeout", lambda: s.settimeout(-1))
s.close()
attempt("recv closed", lambda: s.recv(1))
attempt("getsockname closed", lambda: s.getsockname())
attempt("close twice", lambda: s.close())

listener = socket.socket()
listener.bind(("127.0.0.1", 0))
port = listener.getsockname()[1]
other = socket.socket()
attempt("address in use", lambda: other.bind(("127.0.0.1", port)))
other.close()
listener.listen()
attempt("bind twice", lambda: listener.bind(("127.0.0.1", 0)))
listener.settimeout(0.05)
print(listener.gettimeout())
attempt("accept timeout", lambda: listener.accept())
listener.setblocking(False)
print(listener.gettimeout(), listener.getblocking())
e = attempt("accept non-blocking", lambda: listener.accept())
print(e.errno)
listener.setblocking(True)
print(listener.gettimeout(), listener.getblocking())

client = socket.create_connection(("127.0.0.1", port))
print(client.gettimeout())
conn, addr = listener.accept()
print(addr == client.getsockname())
attempt("connect twice", lambda: client.connect(("127.0.0.1", port)))
client.settimeout(2)
print(client.gettimeout())
conn.settimeout(0.05)
attempt("recv timeout", lambda: conn.recv(10))
conn.setblocking(False)
attempt("recv non-blocking", lambda: conn.recv(10))
conn.setblocking(True)
client.close()
print(conn.recv(10))
late = socket.create_connection(("127.0.0.1", port), timeout=2.5)
print(late.gettimeout())
late.close()
conn.close()
listener.close()
