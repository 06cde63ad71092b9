# f-string alignment, width and fill: {x:>8}, {x:<8}, {x:^8}, custom fill.
name = 'gil'
n = 42
print(f'[{name:>8}]')
print(f'[{name:<8}]')
print(f'[{name:^8}]')
print(f'[{name:*^9}]')
print(f'[{name:-<6}][{name:.>6}]')
print(f'[{n:>6}][{n:<6}][{n:^6}][{n:06}]')
print(f'[{-n:>6}][{-n:=6}][{-n:06}][{n:+}][{n: }]')
print(f'[{name:8}][{n:8}]')
width = 10
print(f'[{name:>{width}}][{n:^{width}}]')
print(f'[{3.5:>8}][{True:>6}][{None!s:>6}]')
rows = [('apple', 3, 1.5), ('kiwi', 12, 0.25), ('watermelon', 1, 3.0)]
for fruit, qty, price in rows:
    print(f'{fruit:<12}|{qty:>4}|{price:>7.2f}')
print(f'{"centered":=^20}')
