# bytes and bytearray: construction, indexing, slicing, methods, repr.
b = bytes([72, 105, 0, 255])
print(b, len(b), b[0], b[-1], b[1:3], list(b))
print(b'abc' + b'def', b'ab' * 3, b'b' in b'abc', 98 in b'abc')
print(bytes(3), bytes('héllo', 'utf-8'), bytes(range(65, 70)))
print(b'hello world'.split(), b'a,b'.split(b','), b'  x '.strip(), b'abc'.upper())
print(b'hello'.find(b'l'), b'hello'.count(b'l'), b'hello'.replace(b'l', b'L'), b'hello'.startswith(b'he'))
print(b'\x00\x01\x7f\x80\n\t\'"', repr(b"it's"), b'\\')
print(b'abc'.hex(), bytes.fromhex('41 42 43'), b'caf\xc3\xa9'.decode())
print(b'abc' == b'abc', b'abc' < b'abd', b'abc' == 'abc', hash(b'x') == hash(b'x'))
ba = bytearray(b'abc')
ba[0] = 65
ba.append(100)
ba.extend(b'ef')
print(ba, len(ba), bytes(ba), ba.pop(), ba)
try:
    b[0] = 1
except TypeError as e:
    print('TypeError:', e)
try:
    bytes([256])
except ValueError as e:
    print('ValueError:', e)
print(b''.join([b'a', b'b']), b'-'.join([b'x', b'y']), list(b'hi'), [c for c in b'AZ'])
