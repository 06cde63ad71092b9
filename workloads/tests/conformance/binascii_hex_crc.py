# binascii's hex functions (separators, grouping, errors) and its CRCs.
import binascii


def t(f, *a, **k):
    try:
        print(f.__name__, repr(f(*a, **k)))
    except Exception as e:
        print(f.__name__, type(e).__name__, e)


data = b"\x01\xab\xff\x10\x20"
t(binascii.hexlify, b"\x01\xab\xff")
t(binascii.hexlify, data, "-")
t(binascii.hexlify, data, b":", 2)
t(binascii.hexlify, data, ":", -2)
t(binascii.hexlify, data, ":", 5)
t(binascii.hexlify, data, ":", 9)
t(binascii.hexlify, data, ":", 0)
t(binascii.hexlify, data, sep="|", bytes_per_sep=-3)
t(binascii.hexlify, b"", ":")
t(binascii.hexlify, b"ab", "::")
t(binascii.hexlify, b"ab", "")
t(binascii.hexlify, b"ab", 1)
t(binascii.hexlify, "ab")
t(binascii.hexlify)
t(binascii.hexlify, b"a", "-", 1, 2)
t(binascii.b2a_hex, bytearray(b"xyz"), sep="|", bytes_per_sep=1)
t(binascii.b2a_hex, data=b"\x00\x7f")
t(binascii.unhexlify, b"01abFF")
t(binascii.unhexlify, "01abFF")
t(binascii.unhexlify, "")
t(binascii.unhexlify, "01a")
t(binascii.unhexlify, "0g")
t(binascii.unhexlify, " 0")
t(binascii.unhexlify, "é0")
t(binascii.a2b_hex, bytearray(b"4142"))
t(binascii.unhexlify, 5)
t(binascii.unhexlify, hexstr="ff")
print(binascii.unhexlify(binascii.hexlify(bytes(range(256)))) == bytes(range(256)))

t(binascii.crc32, b"hello")
t(binascii.crc32, b"hello", 12345)
t(binascii.crc32, b"hello", -1)
t(binascii.crc32, b"hello", 2**40)
t(binascii.crc32, b"hello", 1.0)
t(binascii.crc32, "hello")
t(binascii.crc32, b"")
t(binascii.crc32, bytearray(b"The quick brown fox jumps over the lazy dog"))
print(binascii.crc32(b" world", binascii.crc32(b"hello")) == binascii.crc32(b"hello world"))
t(binascii.crc_hqx, b"hello", 0)
t(binascii.crc_hqx, b"hello", 0xffff)
t(binascii.crc_hqx, b"hello", 0x12345)
t(binascii.crc_hqx, b"hello", -1)
t(binascii.crc_hqx, b"", 77)
t(binascii.crc_hqx, b"hello")
t(binascii.crc_hqx, "x", 0)
t(binascii.crc_hqx, bytes(range(256)), 0x1d0f)
print(binascii.Error.__mro__[1:], binascii.Incomplete.__mro__[1:])
print(binascii.Error.__module__, binascii.Incomplete.__name__)
try:
    binascii.unhexlify("1")
except ValueError as e:
    print("ValueError caught", type(e).__name__, e)
