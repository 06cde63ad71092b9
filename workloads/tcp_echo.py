# tcp_echo: loopback TCP ping-pong. THREADS client threads each open a
# connection to an echo server (one server thread per connection) and make N
# request/response round trips of a 64-byte message. Every socket call
# releases the GIL, so the threads overlap in every mode (about 30k req/s on
# CPython 3.9).
# usage: tcp_echo.py [THREADS] [N]  -- each client makes N round trips.
import socket
import sys
import threading
import time

MESSAGE_SIZE = 64


def serve(conn):
    with conn:
        while True:
            data = conn.recv(4096)
            if not data:
                break
            conn.sendall(data)


def acceptor(listener, connections, servers):
    for _ in range(connections):
        conn, _ = listener.accept()
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        t = threading.Thread(target=serve, args=(conn,), daemon=True)
        t.start()
        servers.append(t)


def client(port, i, n, results):
    message = bytes([97 + (i + k) % 26 for k in range(MESSAGE_SIZE)])
    intact = 0
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for _ in range(n):
            sock.sendall(message)
            reply = sock.recv(4096)
            while len(reply) < MESSAGE_SIZE:
                more = sock.recv(4096)
                if not more:
                    break
                reply = reply + more
            if reply == message:
                intact += 1
    results[i] = intact


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(threads)
    port = listener.getsockname()[1]
    servers = []
    accepting = threading.Thread(
        target=acceptor, args=(listener, threads, servers), daemon=True
    )
    accepting.start()
    results = [0] * threads
    clients = []
    for i in range(threads):
        clients.append(threading.Thread(target=client, args=(port, i, n, results)))
    start = time.perf_counter()
    for t in clients:
        t.start()
    for t in clients:
        t.join()
    elapsed = time.perf_counter() - start
    accepting.join()
    for t in servers:
        t.join()
    listener.close()
    print("result round_trips", threads * n)
    print("result intact_echoes", sum(results))
    print("result bytes_echoed", sum(results) * MESSAGE_SIZE)
    print("work", threads * n)
    print("seconds", elapsed)
    print("merit requests_per_second %.1f req/s higher" % (threads * n / elapsed))


main()
