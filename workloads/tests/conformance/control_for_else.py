# for/else and while/else: else runs only when the loop was not broken.

def find(items, target):
    for i in range(len(items)):
        if items[i] == target:
            print('found', target, 'at', i)
            break
    else:
        print(target, 'not found')

find([4, 5, 6], 5)
find([4, 5, 6], 7)
find([], 1)
n = 0
while n < 3:
    n += 1
else:
    print('while finished', n)
n = 0
while n < 10:
    n += 1
    if n == 4:
        break
else:
    print('not printed')
print('broke at', n)
primes = []
for cand in range(2, 30):
    for d in range(2, cand):
        if cand % d == 0:
            break
    else:
        primes.append(cand)
print(primes)
for x in []:
    print('never')
else:
    print('empty loop else')
