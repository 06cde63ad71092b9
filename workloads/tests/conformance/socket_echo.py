# Loopback TCP with the socket module: a threaded echo server, clients made
# with socket() + connect() and with create_connection(), half-close.
import socket
import threading


def serve(listener, clients, log):
    for _ in range(clients):
        conn, addr = listener.accept()
        log.append(("accepted", addr[0], type(addr[1]).__name__))
        with conn:
            total = 0
            while True:
                data = conn.recv(7)
                if not data:
                    break
                total += len(data)
                conn.sendall(data)
            log.append(("echoed", total))


def recv_exactly(sock, n):
    got = b""
    while len(got) < n:
        more = sock.recv(n - len(got))
        if not more:
            break
        got = got + more
    return got


listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", 0))
listener.listen(4)
host, port = listener.getsockname()
print("listening on", host, 0 < port < 65536)

log = []
server = threading.Thread(target=serve, args=(listener, 2, log))
server.start()

with socket.socket() as c:
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    print("nodelay", c.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0)
    c.connect(("127.0.0.1", port))
    print("peer", c.getpeername() == (host, port))
    print("local", c.getsockname()[0])
    for msg in [b"hello", b"a longer message than seven bytes", bytes(range(20))]:
        c.sendall(msg)
        print(recv_exactly(c, len(msg)))
    print("sent", c.send(b"xyz"), recv_exactly(c, 3))
print("closed client")

c = socket.create_connection(("localhost", port))
print(c.gettimeout(), c.getblocking())
c.sendall(b"last")
c.shutdown(socket.SHUT_WR)
print(recv_exactly(c, 100))
print(c.recv(10))
c.close()
c.close()

server.join()
listener.close()
for entry in log:
    print(entry)
print(repr(c).startswith("<socket.socket [closed] fd=-1"))
print(socket.AF_INET, socket.SOCK_STREAM, c.family == socket.AF_INET, c.type == socket.SOCK_STREAM)
