# while loops with break and continue.
i = 0
evens = []
while True:
    i += 1
    if i > 20:
        break
    if i % 2:
        continue
    evens.append(i)
print(evens)
n = 27
steps = 0
while n != 1:
    if n % 2 == 0:
        n //= 2
    else:
        n = 3 * n + 1
    steps += 1
print(steps)
found = None
for x in range(2, 100):
    if x * x > 500:
        found = x
        break
print(found)
skipped = 0
for ch in 'a-b-c-d':
    if ch == '-':
        skipped += 1
        continue
    print(ch, end='')
print()
print(skipped)
outer = 0
while outer < 3:
    inner = 0
    while True:
        inner += 1
        if inner == 2:
            break
    outer += 1
print(outer, inner)
