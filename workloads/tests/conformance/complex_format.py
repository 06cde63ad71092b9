# complex: format() and f-strings with every spec the float formatter takes,
# the errors for zero padding, = alignment and non-float codes.
a = 1.5 - 2j
print(repr(format(a, '.2f')), repr(f'{a:>20}'), f'{a:e}', f'{a:g}', f'{1j:.3}', repr(f'{a:^20.1f}'), repr(f'{a:+}'), repr(f'{a: }'), f'{a:n}', f'{-0j:}', f'{1e20j:}', f'{a:,.2f}', repr(f'{a:*<16}'), f'{a:#.0f}', f'{complex(float("nan"),1):F}', f'{0j:g}', f'{a:E}')
for s in ['020', '=10', 'd', 'x', '%', 'c', 's', '0<10']:
    try:
        print(format(a, s))
    except Exception as e:
        print(type(e).__name__, e)
for v in [1j, -1j, 1.5-2j, -1.5+2j, 0j, -0j, complex(-0.0, 0)]:
    print([format(v, s) for s in ['', '+', ' ', '-', '.3', '+.2f', ' g', '10', '<10', '+10.1e', '#g', ',.1f','_']])
print(format(1e6+1e6j, ',.1f'), format(1234.5+0j, '_'), format(1e16j, ''), format(1e16+1j, ''))
print("{:.1f} and {!r:>12}".format(2.25+1j, 3j))
