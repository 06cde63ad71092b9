# String literals, concatenation, repetition, indexing, slicing, membership.
s = 'hello'
t = "world"
print(s + ' ' + t)
print(s * 3, 2 * 'ab', 'x' * 0, 'y' * -2 + '|')
print(len(s), len(''), len(s + t))
print(s[0], s[4], s[-1], s[-5])
print(s[1:3], s[:2], s[2:], s[:], s[-3:], s[:-3])
print(s[::-1], s[::2], s[1::2], s[4:1:-1], s[-1:-4:-1])
print(s[10:], s[3:1], s[-100:2], s[2:100])
print('ell' in s, 'xyz' in s, '' in s, 'h' not in s)
print('tab\there', 'quote\'s', "dq\"s", 'back\\slash')
print('line1\nline2')
print('''triple
quoted''')
print("""x""" + 'y')
print('a' 'b' 'c')
print('hello' == 'hel' + 'lo', 'a' != 'b')
u = ''
for ch in 'abc':
    u = ch + u
print(u)
u += '!'
u *= 2
print(u)
print(str(123) + 'abc', 'n=' + str(4.5))
print('x', '', 'y')
print(len('multi' * 100))
