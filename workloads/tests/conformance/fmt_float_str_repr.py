# str/repr of floats in f-strings and print, rounding to given precisions.
values = [0.1, 0.5, 1.0, 2.675, 1/3, 2/3, 1e-7, 123456789.123, 1e22, -0.0, 100.0, 3.0e-5]
for v in values:
    print(v, f'{v}', f'{v:.2f}', f'{v:.1e}', f'{v:g}', '%s %.3f' % (v, v), round(v, 2))
print(round(2.5), round(3.5), round(-2.5), round(0.125, 2), round(1234.5, -2))
print(f'{1/7:.15f} {1/7!r}')
print(str(1e15), str(1e16), str(123e-20), 1.5e300 * 1.5e10)
