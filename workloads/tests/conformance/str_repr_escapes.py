# repr() of strings: quote selection, escapes, control and non-ASCII characters.
cases = ['plain', "it's", 'say "hi"', 'both \' and "', 'tab\there', 'new\nline',
         'back\\slash', 'bell\a', 'null\0byte', '\x7f', 'é ü ß', '日本', '\u200b', '\r\n', '']
for c in cases:
    print(repr(c), len(c))
print(ascii('é日'), ascii('plain'), ascii(['ü']))
print(str(cases[:3]))
print('%r' % 'x\ty', repr("q'"))
print(repr('\x01\x1f\x80\xff\u0100'))
print(repr('a' * 3 + '\\n'))
