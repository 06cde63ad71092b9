# The supported str methods.
s = '  Hello, World  '
print(s.strip() + '|')
print(s.upper(), s.lower())
print('a,b,,c'.split(','))
print('  one two\tthree\nfour  '.split())
print('a, b, c'.split(', '))
print('no separators'.split('|'))
print(''.split(), ''.split(','))
print('-'.join(['a', 'b', 'c']), ''.join(['x', 'y']), ', '.join([]))
print(' '.join('abc'))
print('xxhixx'.strip('x'), '..a..'.strip('.'))
print('banana'.replace('an', 'AN'), 'aaa'.replace('a', 'bb'), 'abc'.replace('z', 'q'))
print('banana'.find('na'), 'banana'.find('x'), 'banana'.find('b'), 'banana'.find(''))
print('hello'.startswith('he'), 'hello'.startswith('lo'), 'hello'.endswith('lo'), 'hello'.endswith(''))
print('MiXeD 123'.lower(), 'MiXeD 123'.upper())
words = 'the quick brown fox jumps over the lazy dog'.split()
print(len(words), words[0], words[-1])
caps = []
for w in words:
    caps.append(w[0].upper() + w[1:])
print(' '.join(caps))
csv = 'name=alice;age=30;city=paris'
fields = {}
for part in csv.split(';'):
    kv = part.split('=')
    fields[kv[0]] = kv[1]
print(fields)
print('a-b-c'.split('-')[1], '  x '.strip().upper())
