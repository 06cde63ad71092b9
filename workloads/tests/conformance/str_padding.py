# zfill, center, ljust, rjust, expandtabs, and padding with fill characters.
for v in ('7', '-7', '+7', '42', 'abc', '12345'):
    print(repr(v.zfill(5)), repr(v.rjust(5)), repr(v.ljust(5, '.')), repr(v.center(6, '*')))
print('[' + 'ab'.center(7) + ']', '[' + 'abc'.center(6) + ']', '[' + 'ab'.center(1) + ']')
print('[' + 'x'.center(4, '-') + ']', '[' + 'xy'.center(5, '-') + ']')
print(str(42).rjust(8, '0'), 'left'.ljust(10, '~') + '|')
print('a\tb\tc'.expandtabs(4), repr('ab\tc'.expandtabs()))
try:
    'x'.center(5, '--')
except TypeError as e:
    print('TypeError:', e)
table = [('id', 'name', 'score'), (1, 'ann', 93.5), (22, 'bob', 7.25)]
for row in table:
    print(str(row[0]).rjust(3), str(row[1]).ljust(6), str(row[2]).center(7) + '|')
