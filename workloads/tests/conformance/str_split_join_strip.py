# split with maxsplit, rsplit, splitlines, partition, join, strip variants.
line = '  alpha, beta,gamma ,, delta  '
print(line.split(','))
print([p.strip() for p in line.split(',') if p.strip()])
print('a b  c   d'.split(), 'a b  c   d'.split(' '))
print('k=v=w'.split('=', 1), 'a.b.c.d'.rsplit('.', 1), 'a.b.c.d'.split('.', 2))
print('one\ntwo\r\nthree\n'.splitlines(), 'x\ny'.splitlines(True))
print('key: value: more'.partition(': '), 'nothing'.partition(':'))
print('a/b/c'.rpartition('/'), 'abc'.rpartition('/'))
print('|'.join(['x', 'y', 'z']), ''.join(reversed('abc')), '-'.join('123'))
print(repr('  pad  '.strip()), repr('  pad  '.lstrip()), repr('  pad  '.rstrip()))
print('xxabcxx'.strip('x'), 'abcabc'.strip('ac'), '\t\n text \r\n'.strip())
print('www.example.com'.lstrip('w.'), 'file.txt.bak'.rstrip('.bak'))
try:
    '-'.join([1, 2])
except TypeError as e:
    print('TypeError:', e)
try:
    'abc'.split('')
except ValueError as e:
    print('ValueError:', e)
print(','.join([]), 'single'.split(','), ''.split(','))
