# Basic integer arithmetic, precedence and associativity.
a = 17
b = 5
print(a + b, a - b, a * b)
print(a // b, a % b)
print(a / b)
print(-a, - -a, -(-a))
print(2 + 3 * 4, (2 + 3) * 4)
print(2 ** 3 ** 2, (2 ** 3) ** 2)
print(-2 ** 2, (-2) ** 2)
print(10 - 3 - 2, 100 // 10 // 3)
print(7 * 6 // 4 % 5)
print(0 * 12345, 0 - 0, -0)
x = 10
x += 5
print(x)
x -= 3
print(x)
x *= 4
print(x)
x //= 5
print(x)
x %= 4
print(x)
x **= 10
print(x)
x /= 4
print(x)
total = 0
i = 1
while i <= 100:
    total += i * i
    i += 1
print(total)
print(True + True, True * 10, False - 1)
