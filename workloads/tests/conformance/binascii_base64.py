# binascii's base64 lines: encoding (newline=), decoding in the default
# and strict modes, every padding and length error.
import binascii


def t(f, *a, **k):
    try:
        print(f.__name__, repr(a), k, repr(f(*a, **k)))
    except Exception as e:
        print(f.__name__, repr(a), k, type(e).__name__, e)


for n in range(8):
    t(binascii.b2a_base64, bytes(range(250, 250 + n)) if n < 6 else b"x" * n)
t(binascii.b2a_base64, b"abcd", newline=False)
t(binascii.b2a_base64, bytearray(b"\xff\xfe\xfd" * 30))
t(binascii.b2a_base64, b"abcd", False)
t(binascii.b2a_base64, "abcd")
t(binascii.b2a_base64, b"", newline=0)
t(binascii.b2a_base64, b"a", other=1)
for s in [b"YWJj\n", "YWJj", b"YW Jj", b"YWI=", b"YWI", b"YQ", b"Y", b"YWJjZ",
          b"YWJj=", b"YW=Jj", b"YQ==YWJj", b"YQ=", b"=", b"", b"YR==", b"YQ===",
          "YQé", b"Y\xffQ==", b"====", b"a===", b"ab=c", b"++//", b"-_-_",
          bytearray(b"QUJD"), 12]:
    t(binascii.a2b_base64, s)
for s in [b"YQ==", b"YQ= =", b"YQ", b"=YQ", b"Y Q==", b"YQ==a", b"YR==",
          b"YWJjZA==", b"YWJj\nZA==", b"YQ===", b"YWJjZGVm", b"YW=Jj",
          b"YWJj=", b"", b"Y"]:
    t(binascii.a2b_base64, s, strict_mode=True)
t(binascii.a2b_base64, b"YQ==", strict_mode=0)
t(binascii.a2b_base64, b"YQ==", True)
blob = bytes((i * 37) % 256 for i in range(200))
line = binascii.b2a_base64(blob)
print(len(line), binascii.a2b_base64(line) == blob)
print(binascii.a2b_base64(binascii.b2a_base64(b"", newline=False)))
