# A formatted report mixing f-strings, str.format and % formatting.
rows = [
    ('Widget', 4, 3.5),
    ('Gadget, large', 12, 11.0),
    ('Thing', 1, 1234.5678),
]
header = f"{'Item':<15}{'Qty':>5}{'Price':>12}{'Total':>14}"
print(header)
print('-' * len(header))
grand = 0
for name, qty, price in rows:
    total = qty * price
    grand += total
    print(f'{name:<15}{qty:>5d}{price:>12,.2f}{total:>14,.2f}')
print('-' * len(header))
print('{:<15}{:>5}{:>12}{:>14,.2f}'.format('TOTAL', sum(r[1] for r in rows), '', grand))
print('%-15s%5d%26.1f%%' % ('share of first', 1, rows[0][1] * rows[0][2] / grand * 100))
for i, (name, _, _) in enumerate(rows, 1):
    print('%2d. %s' % (i, name))
