# hex, oct, bin, ord, chr, divmod, pow (incl. 3-arg), abs, round, int bases.
print(hex(255), hex(-1), hex(0), oct(8), bin(10), bin(-5))
print(ord('a'), ord('€'), chr(65), chr(8364), chr(0x1F600) == '\U0001F600')
print(divmod(17, 5), divmod(-17, 5), divmod(17, -5), divmod(7.5, 2), divmod(-7.5, 2))
print(pow(2, 10), pow(2, -1), pow(3, 4, 5), pow(7, 123456789, 1000007), pow(2, 100, 10 ** 9))
print(pow(-2, 3), pow(2, 0.5), pow(0, 0), pow(3, -1, 7), 2 ** -2)
print(abs(-5), abs(-2.5), abs(0), round(7.5), round(-7.5), round(3.14159, 3))
print(int('ff', 16), int('0x1f', 16), int('777', 8), int('1010', 2), int('z', 36), int('  42  '), int('-0b11', 0))
print(int(3.99), int(-3.99), int(True), float('1e3'), float('-inf') < 0)
try:
    chr(-1)
except ValueError as e:
    print('ValueError:', e)
try:
    ord('ab')
except TypeError as e:
    print('TypeError:', e)
try:
    divmod(1, 0)
except ZeroDivisionError as e:
    print('ZeroDivisionError:', e)
try:
    pow(2, 3, 0)
except ValueError as e:
    print('ValueError:', e)
print(sum([0.1] * 10), max(3, 7, 5), min([4, 2, 8]), sum([[1], [2]], []))
# Negative exponents with a modulus use the modular inverse.
print(pow(3, -2, 7), pow(-3, -1, 7), pow(3, -1, -7), pow(2, -1, 1), pow(5, 3, -1), pow(2**70 + 1, -1, 2**61 - 1))
try:
    pow(2, -1, 4)
except ValueError as e:
    print("ValueError:", e)
