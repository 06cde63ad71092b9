# Exponentiation: big integer results, negative bases, float exponents.
print(2 ** 10, 2 ** 0, 0 ** 0, 0 ** 5, 1 ** 1000)
print((-2) ** 3, (-2) ** 4, (-1) ** 99)
print(7 ** 77)
print(10 ** 40)
print((-10) ** 21)
print(2 ** 10 ** 2)
print(1.5 ** 2, 4 ** 0.5, 9 ** 0.5)
print(2 ** -3, 4.0 ** -1)
print((-8) ** 2.0)
x = 3
x **= 40
print(x)
acc = 1
for i in range(1, 6):
    acc = acc ** 2 + i
print(acc)
digits = 0
for ch in str(2 ** 1000):
    digits += int(ch)
print(digits)
