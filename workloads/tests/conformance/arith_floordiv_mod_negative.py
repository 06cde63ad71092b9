# Floor division and modulo round toward negative infinity.
pairs = [(7, 3), (-7, 3), (7, -3), (-7, -3), (0, 5), (6, 3), (-6, 3), (1, 7), (-1, 7)]
for pair in pairs:
    a, b = pair
    print(a, b, a // b, a % b, (a // b) * b + a % b == a)
print(-1 // 2, -1 % 2)
print(5 // -10, 5 % -10)
print(-100 % 7, -100 // 7)
print(7.5 // 2, 7.5 % 2)
print(-7.5 // 2, -7.5 % 2)
print(7.5 // -2, 7.5 % -2)
print(-7 // 2.0, -7 % 2.0)
print(1.0 % -1.0, -1.0 % 1.0)
print(-0.5 // 1, -0.5 % 1)
x = -17
x //= 5
print(x)
y = -17
y %= 5
print(y)
