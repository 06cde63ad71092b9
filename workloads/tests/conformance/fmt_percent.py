# printf-style % formatting: %d %s %r %f %x %o %e %g %c, width, flags, dicts.
print('%d %s %r' % (42, 'str', 'str'))
print('%5.2f|%-8.3f|%08.3f|%+.1f' % (3.14159, 2.5, -1.25, 7))
print('%x %X %o %#x %#o %5x|' % (255, 255, 8, 255, 8, 10))
print('%-5s|%5s|%.2s|' % ('ab', 'cd', 'xyz'))
print('%e %.3E %g %g %G' % (12345.678, 0.00012, 0.00001, 123456789, 1e-10))
print('%c%c%c' % (72, 'i', 33))
print('%i %u %d' % (3, 4, -5.9))
print('%%literal %s%%' % 50)
print('%(name)s is %(age)d years, %(name)r' % {'name': 'ann', 'age': 30})
print('%s' % [1, 2], '%s' % (1,), '%s %s' % ((1, 2), [3]))
print('%r %r %r' % (None, 1.5, {'a': 1}))
print('%*d|%-*d|%.*f' % (5, 42, 4, 7, 2, 3.14159))
print('%s' % 'single', '%d items' % 3)
print('% d % d' % (5, -5))
def err(f):
    try:
        f()
    except TypeError as e:
        print('TypeError:', e)
err(lambda: '%d' % 'x')
err(lambda: '%s %s' % ('only one',))
err(lambda: '%s' % (1, 2))
try:
    '%z' % 1
except ValueError as e:
    print('ValueError:', e)
