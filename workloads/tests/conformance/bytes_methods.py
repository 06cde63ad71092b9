print(b'-'.join([b'a', b'bc']), b''.join([]), b', '.join((b'x', b'y', b'z')))
print(b'ab' * 3, 2 * b'x', b'q' * 0)
print(b'caf\xc3\xa9'.decode(), 'café'.encode(), 'x'.encode('utf-8'), b'y'.decode('utf-8'))
print(b'\x00\xffab'.hex(), b''.hex())
print(b'hello'.startswith(b'he'), b'hello'.endswith(b'lo'), b'hello'.startswith((b'x', b'h')))
print(b'hello'.find(b'l'), b'hello'.find(b'z'), b'hello'.count(b'l'), b'aaaa'.count(b'aa'))
print(b'a b  c'.split(), b'a,b,,c'.split(b','), b'  x '.strip(), b'xxhixx'.strip(b'x'))
print(b'Ab1'.upper(), b'Ab1'.lower(), b'aXa'.replace(b'a', b'yy'), b'ab'.replace(b'', b'-'))
for f in [lambda: b''.join([b'a', 1]), lambda: b'abc'.find('a'), lambda: b'abc'.startswith('a'),
          lambda: b'\xff'.decode(), lambda: b'a\xc3'.decode(), lambda: b'a,b'.split(b'')]:
    try:
        f()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
