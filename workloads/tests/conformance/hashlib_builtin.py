# hashlib over the builtin digest modules (no _hashlib/OpenSSL here; under
# CPython the same digests come from OpenSSL): constructors, new(), the
# algorithm sets.
import hashlib

for name in ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512',
             'sha3_224', 'sha3_256', 'sha3_384', 'sha3_512', 'blake2b', 'blake2s']:
    h = getattr(hashlib, name)(b'Nobody inspects the spammish repetition')
    n = hashlib.new(name, b'Nobody inspects the spammish repetition')
    print(name, h.hexdigest(), n.hexdigest() == h.hexdigest(), h.digest_size, h.block_size)
print(hashlib.shake_128(b'x').hexdigest(10), hashlib.new('shake_256', b'x').hexdigest(10))
print(sorted(hashlib.algorithms_guaranteed))
print(hashlib.sha256(b'x').hexdigest())
print(hashlib.new('SHA256', b'x').hexdigest())
try:
    hashlib.new('nope')
except ValueError as e:
    print(type(e).__name__, e)
