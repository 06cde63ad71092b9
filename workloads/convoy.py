# convoy: the convoy effect (bpo-7946). One loopback TCP echo client/server
# pair makes N request/response round trips beside THREADS-1 CPU-bound
# threads that spin in pure Python loops until the echo is done. Under a GIL
# every recv that returns must wait for a spinner to drop the lock (up to a
# switch interval), twice per round trip: 30k -> 100 req/s with one CPU
# thread. THREADS=1 (no spinners) is the baseline.
# usage: convoy.py [THREADS] [N]  -- up to N round trips, THREADS-1 spinners.
# The client stops after TIME_LIMIT seconds even if it has not made N round
# trips (a full convoy can fall to tens of requests per second), and the rate
# is what it managed.
# The spinners' throughput (loop iterations per second, all spinners) is
# measured twice in the same run: first for SPIN_ALONE seconds with no echo
# pair, then while the echo pair runs, so a scheduler that buys echo rate by
# starving the CPU-bound threads shows as spin_vs_alone well under 100%.
# (THREADS=1 has no spinner and reports no spin figures.)
import socket
import sys
import threading
import time

MESSAGE_SIZE = 64
TIME_LIMIT = 2.0
SPIN_ALONE = 0.5


def serve(listener):
    conn, _ = listener.accept()
    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    with conn:
        while True:
            data = conn.recv(4096)
            if not data:
                break
            conn.sendall(data)


def echo_client(port, n, results):
    message = bytes([97 + k % 26 for k in range(MESSAGE_SIZE)])
    intact = 0
    done = 0
    deadline = time.perf_counter() + TIME_LIMIT
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        while done < n and time.perf_counter() < deadline:
            done += 1
            sock.sendall(message)
            reply = sock.recv(4096)
            while len(reply) < MESSAGE_SIZE:
                more = sock.recv(4096)
                if not more:
                    break
                reply = reply + more
            if reply == message:
                intact += 1
    results[0] = done
    results[1] = intact


def spin(stop, counts, i):
    n = 0
    while not stop[0]:
        for _ in range(1000):
            n += 1
        counts[i] = n


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    port = listener.getsockname()[1]
    server = threading.Thread(target=serve, args=(listener,), daemon=True)
    server.start()
    stop = [False]
    counts = [0] * (threads - 1)
    spinners = []
    for i in range(threads - 1):
        spinners.append(threading.Thread(target=spin, args=(stop, counts, i), daemon=True))
    results = [0, 0]
    client = threading.Thread(target=echo_client, args=(port, n, results))
    for t in spinners:
        t.start()
    alone_rate = 0.0
    if spinners:
        # The spinners alone (the echo server waits in accept).
        time.sleep(0.05)
        a0, t0 = sum(counts), time.perf_counter()
        time.sleep(SPIN_ALONE)
        a1, t1 = sum(counts), time.perf_counter()
        alone_rate = (a1 - a0) / (t1 - t0)
    start = time.perf_counter()
    s0 = sum(counts)
    client.start()
    client.join()
    elapsed = time.perf_counter() - start
    spun = sum(counts) - s0
    stop[0] = True
    for t in spinners:
        t.join()
    server.join()
    listener.close()
    done, intact = results
    print("result every_echo_intact", done > 0 and intact == done)
    print("result spinners", threads - 1)
    print("work", done)
    print("seconds", elapsed)
    print("merit requests_per_second %.1f req/s higher" % (done / elapsed))
    if spinners:
        rate = spun / elapsed
        print("merit spin_rate %.0f iter/s higher" % rate)
        print("merit spin_alone_rate %.0f iter/s higher" % alone_rate)
        print("merit spin_vs_alone %.1f %% higher" % (100.0 * rate / alone_rate))


main()
