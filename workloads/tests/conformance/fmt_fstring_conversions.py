# f-string conversions !r !s !a, expressions, nested quotes, = specifier, braces.
s = 'héllo'
items = [1, 'two']
print(f'{s!r} {s!s} {s!a}')
print(f'{items!r} {items} {items!s}')
print(f'{"quoted"!r:>12}|')
a, b = 6, 7
print(f'{a * b} {a + b:>5} {a if a > b else b} {[a, b][1]}')
print(f'{a=} {b = } {a*b=} {s=!s}')
d = {'key': 'value'}
print(f"{d['key']} {d!r}")
print(f'{{literal braces}} {{{a}}}')
print(f'{"nested " + f"{a:03d}"}')
print(f'{len(items)} items: {", ".join(map(str, items))}')
x = 0.1 + 0.2
print(f'{x} {x!r} {x:.2f} {str(x)}')
print(f'{None} {True} {b"bytes"} {(1,)}')
name = 'World'
msg = f'Hello, {name}!' \
      f' Length {len(name)}.'
print(msg)
print(f'{"multi" f"part"}')
