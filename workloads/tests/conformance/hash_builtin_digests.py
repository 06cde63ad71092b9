# The builtin digest modules: _md5, _sha1, _sha256 (sha224, sha256) and
# _sha512 (sha384, sha512), as hashlib uses them without OpenSSL.
import _md5
import _sha1
import _sha256
import _sha512

CONSTRUCTORS = [_md5.md5, _sha1.sha1, _sha256.sha224, _sha256.sha256,
                _sha512.sha384, _sha512.sha512]
LONG = bytes(range(256)) * 20  # 5120 bytes: past a block and past 2048
INPUTS = [b'', b'abc', b'a' * 63, b'a' * 64, b'a' * 65, b'x' * 129,
          b'The quick brown fox jumps over the lazy dog', LONG]

for new in CONSTRUCTORS:
    h = new()
    print(h.name, h.digest_size, h.block_size, type(h).__name__,
          type(h).__module__ if hasattr(type(h), '__module__') else '')
    for data in INPUTS:
        print(' ', len(data), new(data).hexdigest())
    # Incremental updates give the digest of the concatenation.
    h = new()
    for i in range(0, len(LONG), 1000):
        h.update(LONG[i:i + 1000])
    print('  incremental', h.hexdigest() == new(LONG).hexdigest())
    # digest() leaves the object usable; copy() is independent.
    h = new(b'part one')
    d1 = h.digest()
    c = h.copy()
    h.update(b', part two')
    print('  copy', c.digest() == d1, h.digest() == new(b'part one, part two').digest(),
          h.digest() == h.digest(), type(d1).__name__, len(d1) == h.digest_size)
    print('  bytearray', new(bytearray(b'abc')).hexdigest() == new(b'abc').hexdigest())
    print('  keywords', new(string=b'abc').hexdigest() == new(b'abc').hexdigest(),
          new(b'abc', usedforsecurity=False).hexdigest() == new(b'abc').hexdigest())

print(_sha256.SHA256Type is type(_sha256.sha256()), _sha256.SHA224Type is type(_sha256.sha224()))
print(hasattr(_sha512, 'SHA512Type'), _sha512.SHA384Type is type(_sha512.sha384()),
      _sha512.SHA384Type is type(_sha512.sha512()))
print(_md5.MD5Type is type(_md5.md5()), _sha1.SHA1Type is type(_sha1.sha1()))
print(_sha256.SHA256Type, _md5.MD5Type)
print(repr(_sha1.sha1()).startswith('<_sha1.sha1 object at 0x'))


def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


h = _sha256.sha256()
check(lambda: _sha256.sha256('text'))
check(lambda: _md5.md5(12))
check(lambda: h.update('text'))
check(lambda: h.update(None))
check(lambda: h.update())
check(lambda: h.digest(1))
check(lambda: _sha512.sha512(b'a', b'b'))
check(lambda: _sha1.sha1(data=b'a'))
check(lambda: _sha256.SHA256Type())
check(lambda: hash(h) == hash(h))
