import hmac, hashlib, secrets, operator, _operator
print(hmac.new(b"key", b"msg", hashlib.sha256).hexdigest())
print(hmac.compare_digest(b"abc", b"abc"), hmac.compare_digest("abc", "abd"), hmac.compare_digest(b"a", b"ab"))
for a, b in [("é", "é"), ("a", b"a"), (1, 2)]:
    try:
        hmac.compare_digest(a, b)
    except TypeError as e:
        print(e)
print(len(secrets.token_hex(8)), operator.add(1, 2), operator.__doc__.splitlines()[0])
import socket, http.client, sys
print(type(socket._GLOBAL_DEFAULT_TIMEOUT).__name__, sys.abiflags == "")
