# int/float/str/bool conversions between each other and their error messages.
print(int('42'), int('-0'), int('+7'), int(' 12 '), int('1_000'), int(7.9), int(-7.9))
print(float('3.5'), float('-1e-3'), float(' 2 '), float('inf'), float('nan') != float('nan'), float(2 ** 53 + 1))
print(str(42), str(-0.0), str(1e100), str(True), str(2 ** 100))
print(bool(0), bool(0.0), bool(-1), bool('False'), bool(''), bool([None]))
print(int(True) + int(False), True + True, True * 10, float(True), -True)
print(int('10', 2), int('Z', 36), int('0o17', 8), int('0b101', 0), int('0x1F', 0), int('017', 10))
for bad in ('', '1.5', '0x10', 'ten', '1 2', '٣'):
    try:
        print(repr(bad), '->', int(bad))
    except ValueError as e:
        print('ValueError:', e)
for bad in ('', 'abc', '1.2.3'):
    try:
        float(bad)
    except ValueError as e:
        print('ValueError:', e)
try:
    int(float('inf'))
except OverflowError as e:
    print('OverflowError:', e)
try:
    int(float('nan'))
except ValueError as e:
    print('ValueError:', e)
try:
    int('5', 1)
except ValueError as e:
    print('ValueError:', e)
