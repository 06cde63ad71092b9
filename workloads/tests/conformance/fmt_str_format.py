# str.format with positional, keyword, index and attribute fields.
print('{} + {} = {}'.format(1, 2, 3))
print('{0} {1} {0}'.format('a', 'b'))
print('{name} is {age}'.format(name='ann', age=30))
print('{0[0]} {0[2]} {1[key]}'.format([10, 20, 30], {'key': 'v'}))
class P:
    x = 5
    y = 'why'
print('{p.x} {p.y}'.format(p=P()))
print('{:>6}|{:<6}|{:^6}|'.format('r', 'l', 'c'))
print('{0:.2f} {0:e} {0:%}'.format(0.5))
print('{:,} {:08.3f} {:x}'.format(1000000, 3.14159, 255))
print('{!r} {!s}'.format('q', 'q'))
print('{0:{1}}|{0:>{1}}|'.format('ab', 5))
print('{{}} {}'.format('braces'))
print('{a}{b}{a}'.format(**{'a': '<', 'b': '>'}))
print('{} {}'.format(*'xy'))
print(format(3.14159, '.2f'), format(42, '05d'), format('s', '>3'), format(255, '#x'))
def err(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ':', e)
err(lambda: '{} {}'.format(1))
err(lambda: '{missing}'.format(present=1))
err(lambda: '{0} {}'.format(1, 2))
err(lambda: '{:d}'.format('x'))
err(lambda: '{:.2f}'.format('x'))
