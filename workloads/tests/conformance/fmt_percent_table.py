# %-formatting with mappings, tuples of mixed types and alignment flags.
records = [
    {'name': 'alpha', 'count': 3, 'ratio': 0.25, 'code': 10},
    {'name': 'beta', 'count': 120, 'ratio': 1.0 / 3, 'code': 255},
    {'name': 'gamma-long', 'count': 0, 'ratio': 12.5, 'code': 4096},
]
for r in records:
    print('%(name)-10s|%(count)5d|%(ratio)8.3f|%(code)6x|%(code)-6o|' % r)
print('%-5s|' % 'toolong', '%.3s|' % 'toolong', '%5.1s|' % 'abc')
print('%s %s %s' % (True, None, 1.0), '%d %d' % (True, 3.99))
print('%r' % (('tuple', 'inside'),), '%s' % [('a', 1)])
print('%05d %+05d %-5d| %5s' % (42, 42, 42, '%'))
print('%.0f %.1f %.2f' % (0.5, 0.25, 2.675), '%10.4e|' % 12345.6789)
print('%x %o' % (-255, -8), '%#X' % 3054)
