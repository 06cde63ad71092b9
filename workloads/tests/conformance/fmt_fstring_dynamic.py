# f-strings with computed widths/precisions, nested fields, and method calls.
data = {'pi': 3.14159265, 'e': 2.71828182, 'phi': 1.61803398}
for prec in range(4):
    print(' '.join(f'{k}={v:.{prec}f}' for k, v in data.items()))
for width in (4, 8):
    for align in '<^>':
        print(f'[{"ab":{align}{width}}]', end='')
    print()
fill = '#'
print(f'[{42:{fill}>{6}}] [{42:{fill}^7}]')
spec = '>10,.2f'
print(f'[{1234567.5:{spec}}]')
items = ['a', 'bb', 'ccc']
w = max(len(i) for i in items)
for i in items:
    print(f'|{i:>{w}}|{i.upper():<{w + 2}}|{len(i):0{w}d}|')
print(f'{"yes" if w > 2 else "no"} {w:b} {w * 1.5:.1f} {items[-1][::-1]}')
print(f'{data["pi"]:.2f} {sorted(data)[0]} {len(data):03}')
