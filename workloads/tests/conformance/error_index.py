# Ends with an uncaught IndexError.
a = [1, 2, 3]
print(a[2], a[-3])
i = 0
while True:
    print(a[i])
    i += 1
