# round() uses banker's rounding; round() with one argument returns an int.
print(round(2.5), round(3.5), round(-2.5), round(-0.5), round(0.5), round(1.5))
print(round(2.4), round(2.6), round(-2.6))
print(round(7), round(-7))
print(round(3.14159, 2), round(2.675, 2), round(1.23456, 3))
print(round(0.125, 2), round(0.375, 2))
print(round(5, 2), round(1.0, 0), round(-1.005, 2))
print(round(123.456, 1), round(2.5, 0))
print(abs(-5), abs(5), abs(0), abs(-2.5), abs(-0.0))
print(abs(3 - 10), abs(-(10 ** 25)))
print(round(10 / 3, 4))
total = 0.0
i = 0
while i < 10:
    total += 0.1
    i += 1
print(total, round(total, 10))
