# break and continue inside try/finally still run the finally block.
log = []
for i in range(6):
    try:
        if i == 1:
            continue
        if i == 4:
            break
        log.append('body %d' % i)
    finally:
        log.append('finally %d' % i)
print(log)

n = 0
while True:
    n += 1
    try:
        try:
            if n % 2 == 0:
                continue
            if n > 5:
                break
        finally:
            print('inner finally', n)
    finally:
        print('outer finally', n)
print('n =', n)

def search(rows, target):
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            try:
                if v == target:
                    return (r, c)
            finally:
                if v == target:
                    print('finally on hit', v)
    return None

print(search([[1, 2], [3, 4]], 3))
print(search([[1, 2], [3, 4]], 9))
