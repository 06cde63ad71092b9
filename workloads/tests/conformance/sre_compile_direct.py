# _sre.compile with code lists CPython 3.11's re._compiler produces (each
# list is `re._compiler._code(re._parser.parse(PATTERN, 0), 0)`), so the
# matcher is tested without importing the re package.
import _sre

print(_sre.MAGIC, _sre.CODESIZE, _sre.MAXREPEAT, _sre.MAXGROUPS, _sre.getcodesize())
print(_sre.ascii_iscased(ord('a')), _sre.ascii_iscased(0xe9), _sre.unicode_iscased(0xe9))
print(_sre.unicode_iscased(ord('1')), _sre.ascii_tolower(ord('Q')), _sre.unicode_tolower(0xc9))
print(_sre.unicode_tolower(0x130), _sre.unicode_iscased(ord('\u00df')), _sre.ascii_tolower(0xc9))

# (?P<word>\w+)@(?P<host>\w+)\.com
EMAIL = _sre.compile(r'(?P<word>\w+)@(?P<host>\w+)\.com', 32,
    [14, 4, 0, 7, 4294967295, 17, 0, 24, 9, 1, 4294967295, 13, 4, 8, 14, 0, 1,
     17, 1, 16, 64, 17, 2, 24, 9, 1, 4294967295, 13, 4, 8, 14, 0, 1, 17, 3, 16,
     46, 16, 99, 16, 111, 16, 109, 1],
    2, {'word': 1, 'host': 2}, (None, 'word', 'host'))
# (a)(b)?
AB = _sre.compile('(a)(b)?', 32,
    [14, 8, 1, 1, 2, 1, 0, 97, 0, 17, 0, 16, 97, 17, 1, 23, 9, 0, 1, 17, 2, 16,
     98, 17, 3, 18, 1], 2, {}, (None, None, None))
# \d+
DIGITS = _sre.compile(r'\d+', 32,
    [14, 4, 0, 1, 4294967295, 24, 9, 1, 4294967295, 13, 4, 8, 10, 0, 1, 1],
    0, {}, (None,))
# [,;]\s*
SEP = _sre.compile(r'[,;]\s*', 32,
    [14, 9, 4, 1, 4294967295, 16, 44, 16, 59, 0, 13, 6, 16, 44, 16, 59, 0, 24,
     9, 0, 4294967295, 13, 4, 8, 12, 0, 1, 1], 0, {}, (None,))
# x*
XS = _sre.compile('x*', 32,
    [14, 4, 0, 0, 4294967295, 24, 6, 0, 4294967295, 16, 120, 1, 1], 0, {}, (None,))
# (?i)hello
HELLO = _sre.compile('(?i)hello', 34,
    [14, 4, 0, 5, 5, 40, 104, 40, 101, 40, 108, 40, 108, 40, 111, 1], 0, {}, (None,))
# (\w)(\d)?
PAIR = _sre.compile(r'(\w)(\d)?', 32,
    [14, 7, 4, 1, 2, 8, 14, 0, 17, 0, 13, 4, 8, 14, 0, 17, 1, 23, 12, 0, 1, 17,
     2, 13, 4, 8, 10, 0, 17, 3, 18, 1], 2, {}, (None, None, None))
# (a|b)*?c
LAZY = _sre.compile('(a|b)*?c', 32,
    [14, 4, 0, 1, 4294967295, 23, 13, 0, 4294967295, 17, 0, 13, 5, 22, 97, 98,
     0, 17, 1, 19, 16, 99, 1], 1, {}, (None, None))
# rb'[a-c]+'
BYTES = _sre.compile(b'[a-c]+', 0,
    [14, 4, 0, 1, 4294967295, 24, 10, 1, 4294967295, 13, 5, 22, 97, 99, 0, 1, 1],
    0, {}, (None,))

m = EMAIL.search('mail: joe@example.com, ann@test.com')
print(m)
print(m.group(), m.group(1), m.group('host'), m.group(0, 'word', 2))
print(m.groups(), m.groupdict(), m.span(), m.start(2), m.end('word'))
print(m.lastindex, m.lastgroup, m.regs, m.pos, m.endpos, m.re is EMAIL)
print(m[0], m['word'], m[2], m.string)
print([x.group('word') for x in EMAIL.finditer('a@b.com c@d.com x@y.org')])
print(EMAIL.findall('a@b.com c@d.com x@y.org'))
print(EMAIL.groups, EMAIL.flags, dict(EMAIL.groupindex), EMAIL.pattern)
print(repr(EMAIL), repr(HELLO))

m = AB.match('ac')
print(m, m.groups(), m.groups('-'), m.span(2), m.lastindex, m.lastgroup, m.regs)
print(AB.match('abx').groups(), AB.fullmatch('ab'), AB.fullmatch('abx'))
print(DIGITS.findall('a1b22c333'), DIGITS.search('abc'), DIGITS.match('12x', 1))
print(DIGITS.search('x12345y', 2, 4), DIGITS.match('x12', pos=1, endpos=2))
print(SEP.split('a, b;c ,d'), SEP.split('a, b;c', maxsplit=1), PAIR.split('a1b'))
print(XS.sub('-', 'abxxd'), XS.subn('-', 'abc'), XS.findall('axxb'))
print(XS.split('axb'), [m.span() for m in XS.finditer('xaxx')])
print(DIGITS.sub(lambda m: str(int(m.group()) * 2), 'a1b22c333'))
print(DIGITS.sub('#', 'a1b22c333', count=2), DIGITS.subn('#', 'no digits'))
print(DIGITS.sub(lambda m: None, 'x1y'))
print(HELLO.search('say HeLLo'), HELLO.match('HELLOworld').span())
print(PAIR.findall('a1b c2'), LAZY.match('ababc').groups(), LAZY.match('ababc').span(1))
print(BYTES.findall(b'abcdcba'), BYTES.sub(b'-', b'xaby'), BYTES.search(b'zzc'))
print(BYTES.split(bytearray(b'xaay')), BYTES.match(bytearray(b'ab')))
print(EMAIL.search('\u00e9t\u00e9@caf\u00e9.com'))
print(EMAIL.search('\u00e9t\u00e9@caf\u00e9.com').span('host'))

s = DIGITS.scanner('1 22 333')
print(s.search().group(), s.search().group(), s.match(), s.search())
s = XS.scanner('xx')
print([s.match() is not None for _ in range(3)])
print(EMAIL == _sre.compile(r'(?P<word>\w+)@(?P<host>\w+)\.com', 32,
    [14, 4, 0, 7, 4294967295, 17, 0, 24, 9, 1, 4294967295, 13, 4, 8, 14, 0, 1,
     17, 1, 16, 64, 17, 2, 24, 9, 1, 4294967295, 13, 4, 8, 14, 0, 1, 17, 3, 16,
     46, 16, 99, 16, 111, 16, 109, 1],
    2, {'word': 1, 'host': 2}, (None, 'word', 'host')), EMAIL == AB)
print(hash(EMAIL) == hash(EMAIL), bool(AB.match('a')))

def attempt(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

attempt(lambda: AB.match('a').group(3))
attempt(lambda: AB.match('a').group('nope'))
attempt(lambda: AB.match('a')[5])
attempt(lambda: AB.match(b'a'))
attempt(lambda: BYTES.match('a'))
attempt(lambda: AB.match(5))
attempt(lambda: AB.match())
attempt(lambda: AB.match('a', 0, 1, 2))
attempt(lambda: AB.match('a', bogus=1))
attempt(lambda: AB.match('a', 0, pos=1))
attempt(lambda: AB.sub('x'))
attempt(lambda: DIGITS.sub(lambda m: 5, 'a1'))
attempt(lambda: _sre.compile('x', 0, [16, 120], 0, {}, (None,)))
attempt(lambda: _sre.compile('x', 0, [15, 9, 1], 0, {}, (None,)))
attempt(lambda: _sre.compile('x', 0, [17, 4, 1], 0, {}, (None,)))
attempt(lambda: _sre.compile('x', 0, [16, 2**32, 1], 0, {}, (None,)))
attempt(lambda: _sre.compile('x', 0, (16, 120, 1), 0, {}, (None,)))
