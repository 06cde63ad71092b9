# The builtin _sha3 (SHA3-224/256/384/512, SHAKE128/256) and _blake2
# (BLAKE2b, BLAKE2s with every parameter) modules, as hashlib uses them.
import _sha3
import _blake2

LONG = bytes(range(256)) * 20  # 5120 bytes: past every block size and 2048
INPUTS = [b'', b'abc', b'a' * 135, b'a' * 136, b'a' * 137, LONG]

for new in [_sha3.sha3_224, _sha3.sha3_256, _sha3.sha3_384, _sha3.sha3_512]:
    h = new()
    print(h.name, h.digest_size, h.block_size, h._rate_bits, h._capacity_bits,
          h._suffix, type(h).__name__, type(h).__module__)
    for data in INPUTS:
        print(' ', len(data), new(data).hexdigest())
    h = new()
    for i in range(0, len(LONG), 700):
        h.update(LONG[i:i + 700])
    c = h.copy()
    h.update(b'more')
    print('  incremental', c.hexdigest() == new(LONG).hexdigest(),
          h.digest() == new(LONG + b'more').digest())

for new in [_sha3.shake_128, _sha3.shake_256]:
    h = new(b'abc')
    print(h.name, h.digest_size, h.block_size, h._rate_bits, h._suffix)
    for n in [0, 1, 16, 32, 100, 300]:
        print(' ', n, new(b'abc').hexdigest(n)[:80], len(h.digest(n)))
    print('  prefix', new(LONG).digest(200)[:50] == new(LONG).digest(50))

print(_blake2.BLAKE2B_SALT_SIZE, _blake2.BLAKE2B_PERSON_SIZE, _blake2.BLAKE2B_MAX_KEY_SIZE,
      _blake2.BLAKE2B_MAX_DIGEST_SIZE, _blake2.BLAKE2S_SALT_SIZE, _blake2.BLAKE2S_PERSON_SIZE,
      _blake2.BLAKE2S_MAX_KEY_SIZE, _blake2.BLAKE2S_MAX_DIGEST_SIZE)
for new in [_blake2.blake2b, _blake2.blake2s]:
    h = new()
    print(h.name, h.digest_size, h.block_size, h.SALT_SIZE, h.PERSON_SIZE,
          h.MAX_KEY_SIZE, h.MAX_DIGEST_SIZE, type(h).__module__)
    for data in INPUTS:
        print(' ', len(data), new(data).hexdigest())
    print('  short', new(b'abc', digest_size=20).hexdigest(), new(b'abc', digest_size=1).digest_size)
    print('  keyed', new(b'abc', key=b'secret key').hexdigest())
    print('  salted', new(b'abc', salt=b'salt', person=b'me').hexdigest())
    print('  tree', new(b'abc', digest_size=20, key=b'key', salt=b'salt', person=b'me',
                        fanout=2, depth=3, leaf_size=100, node_offset=5, node_depth=1,
                        inner_size=10, last_node=True).hexdigest())
    h = new(key=b'k', digest_size=16)
    h.update(LONG)
    c = h.copy()
    print('  copy', c.hexdigest() == new(LONG, key=b'k', digest_size=16).hexdigest(), c.digest_size)


def check(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


s = _sha3.shake_128(b'abc')
check(lambda: s.digest())
check(lambda: s.digest(-1))
check(lambda: s.digest(2**29))
check(lambda: s.digest(2**64))
check(lambda: s.digest(1.0))
check(lambda: s.digest(length=3))
check(lambda: _sha3.sha3_256(data=b'x'))
check(lambda: _sha3.sha3_512(b'a', b'b'))
check(lambda: _sha3.sha3_224('x'))
check(lambda: _sha3.sha3_224(usedforsecurity=False).name)
check(lambda: _blake2.blake2b(data=b'x'))
check(lambda: _blake2.blake2b(b'x', digest_size=0))
check(lambda: _blake2.blake2s(b'x', digest_size=33))
check(lambda: _blake2.blake2b(key=b'k' * 65))
check(lambda: _blake2.blake2s(key=b'k' * 33))
check(lambda: _blake2.blake2b(salt=b'k' * 17))
check(lambda: _blake2.blake2s(person=b'k' * 9))
check(lambda: _blake2.blake2b(fanout=256))
check(lambda: _blake2.blake2b(depth=0))
check(lambda: _blake2.blake2b(leaf_size=2**32))
check(lambda: _blake2.blake2b(leaf_size=-1))
check(lambda: _blake2.blake2s(node_offset=2**48))
check(lambda: _blake2.blake2b(node_depth=256))
check(lambda: _blake2.blake2b(inner_size=65))
check(lambda: _blake2.blake2b(foo=1))
check(lambda: _blake2.blake2b(b'a', b'b'))
check(lambda: _blake2.blake2b('a'))
check(lambda: _blake2.blake2b(key='a'))
check(lambda: _blake2.blake2b(digest_size=1.5))
check(lambda: _blake2.blake2b(usedforsecurity=False, last_node=1).hexdigest()[:16])

for cls in (_blake2.blake2b, _sha3.sha3_256, _sha3.shake_128, type(_blake2.blake2s())):
    try:
        class Sub(cls):
            pass
    except TypeError as e:
        print(type(e).__name__, e)

# In these two modules the types themselves make the objects.
print(_sha3.sha3_256, type(_sha3.sha3_256(b'x')) is _sha3.sha3_256,
      isinstance(_blake2.blake2s(), _blake2.blake2s), _blake2.blake2b.__name__)
