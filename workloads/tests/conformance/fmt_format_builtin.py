# format() builtin and __format__ of int/float/str/bool with many specs.
specs_int = ['', 'd', '5', '<5', '^5', '+', ' ', ',', 'x', '#X', 'o', 'b', '#010b', 'e', '.2f', '%', 'c']
for spec in specs_int:
    print(repr(spec), repr(format(65, spec)), repr(format(-65, spec)) if spec != 'c' else '')
specs_float = ['', '.1f', '10.3f', '<10', 'e', '.3e', 'g', '.2g', '%', '+.2f', ',.3f', '=+10.2f', '010.1f']
for spec in specs_float:
    print(repr(spec), repr(format(1234.5678, spec)), repr(format(-0.000123, spec)))
print(format('text', '^10'), format('text', '.2'), format('text', '*>8.3'))
print(format(True, ''), format(True, 'd'), format(False, '>5'), format(None, ''))
print(format(1e100), format(123456789.0), format(1.0), format(0.1), format(1e-5), format(1e16))
try:
    format('s', 'd')
except ValueError as e:
    print('ValueError:', e)
try:
    format(3, '.2s')
except ValueError as e:
    print('ValueError:', e)
