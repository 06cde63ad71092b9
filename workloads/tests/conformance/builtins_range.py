# range with 1, 2 and 3 arguments, negative steps, membership, len.
print(list(range(5)), list(range(2, 6)), list(range(0, 10, 3)))
print(list(range(10, 0, -2)), list(range(5, 5)), list(range(5, 0)), list(range(-3, 3)))
print(len(range(100)), len(range(10, 0, -3)), len(range(0)))
print(3 in range(10), 10 in range(10), 4 in range(0, 10, 2), 5 in range(0, 10, 2))
r = range(1, 4)
total = 0
for x in r:
    for y in r:
        total += x * y
print(total)
print(sum(range(1, 1001)), max(range(-5, 5)), min(range(7, 2, -1)))
print(tuple(range(3)), list(range(-1, -10, -4)))
big = range(10 ** 4)
print(len(big), 9999 in big, 10 ** 4 in big, -1 in big)
