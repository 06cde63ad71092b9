# str(bytes, encoding, errors) decodes; int() parses bytes and bytearray
# (re._parser reads a bytes pattern with str(pattern, 'latin1'), and
# re._compiler builds its bitmaps with int(bytes, 2)).
def attempt(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

attempt(lambda: str(b'caf\xe9', 'latin1'))
attempt(lambda: str(b'abc', encoding='ascii'))
attempt(lambda: str(bytearray(b'xy'), 'utf-8', 'strict'))
attempt(lambda: str(b'\xffa', 'utf-8', errors='replace'))
attempt(lambda: str('abc', 'utf-8'))
attempt(lambda: str(5, 'utf-8'))
attempt(lambda: str(b'\xff', 'utf-8'))
attempt(lambda: str(object=5))
attempt(lambda: str(b'a', 'utf-8', 'strict', 4))
attempt(lambda: str(b'a', bogus='x'))
attempt(lambda: int(b'101', 2))
attempt(lambda: int(bytearray(b' 12 ')))
attempt(lambda: int(b'0x1f', 0))
attempt(lambda: int(b'12x', 10))
attempt(lambda: int(b'\xff1', 10))
attempt(lambda: int(b'', 2))
