# ord() of a one-byte bytes or bytearray, and its errors.
print(ord(b"a"), ord(bytearray(b"\xff")))
for x in [b"ab", bytearray(), memoryview(b"a"), 3]:
    try:
        ord(x)
    except TypeError as e:
        print(e)
