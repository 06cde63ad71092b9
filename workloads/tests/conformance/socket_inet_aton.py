# socket.inet_aton / inet_ntoa, with inet_aton(3)'s shorthand forms.
import socket

for text in ("127.0.0.1", "0.0.0.0", "255.255.255.255", "127.1", "10.1.2", "0x7f.1",
             "017.0.0.1", "3232235777", "1.2.3.4 trailing", "1.2.3.4.5", "abc", "",
             "256.1.1.1", "1..2.3", "08.1.1.1", "1.2.65536"):
    try:
        print(repr(text), socket.inet_aton(text))
    except OSError as e:
        print(repr(text), type(e).__name__, e)
for packed in (b"\x7f\x00\x00\x01", bytearray(b"\x0a\x00\x00\x01"),
               memoryview(b"\xff\xff\xff\xff"), b"\x01\x02\x03", b"12345"):
    try:
        print(socket.inet_ntoa(packed))
    except OSError as e:
        print(type(e).__name__, e)
for f, arg in ((socket.inet_aton, 1), (socket.inet_aton, b"1.2.3.4"), (socket.inet_ntoa, "x")):
    try:
        f(arg)
    except TypeError as e:
        print("TypeError:", e)
print(socket.inet_ntoa(socket.inet_aton("192.168.1.254")))
