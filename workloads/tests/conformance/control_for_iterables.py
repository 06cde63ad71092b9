# for over list, tuple, range, dict, str and nested loops.
for x in [1, 'a', None]:
    print(x)
for x in (3.5, True):
    print(x)
for i in range(3):
    print('range', i)
for i in range(10, 0, -3):
    print('down', i)
for k in {'p': 1, 'q': 2}:
    print('key', k)
for ch in 'hey':
    print('char', ch)
table = []
for i in range(1, 4):
    row = []
    for j in range(1, 4):
        row.append(i * j)
    table.append(row)
print(table)
for row in table:
    line = ''
    for v in row:
        line += str(v) + ' '
    print(line.strip())
total = 0
for i in range(5):
    for j in range(i):
        total += j
print(total)
x = 'unchanged'
for x in range(3):
    pass
print(x)
