# Strict turn-taking between 3 threads using a Condition and notify_all.
import threading

cond = threading.Condition()
turn = [0]
transcript = []
N = 3
ROUNDS = 5

def player(k):
    for r in range(ROUNDS):
        with cond:
            while turn[0] % N != k:
                cond.wait()
            transcript.append('p%d-r%d' % (k, r))
            turn[0] += 1
            cond.notify_all()

threads = [threading.Thread(target=player, args=(k,)) for k in range(N)]
for t in reversed(threads):
    t.start()
for t in threads:
    t.join()
print(len(transcript), turn[0])
for i in range(0, len(transcript), N):
    print(' '.join(transcript[i:i + N]))
