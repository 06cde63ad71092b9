# json with the _json accelerators: decoding (scanstring, the native
# scanner), encode_basestring(_ascii), errors with CPython's messages and
# positions.
import json
import json.decoder
import json.scanner
import json.encoder
from collections import OrderedDict
from decimal import Decimal

print("c_scanstring", json.decoder.c_scanstring is not None)
print("c_make_scanner", json.scanner.c_make_scanner is not None)
print("c_encode_ascii", json.encoder.c_encode_basestring_ascii is not None)
print("c_encode", json.encoder.c_encode_basestring is not None)

docs = [
    '{"a": 1, "b": [1, 2, 3], "c": {"d": null, "e": true, "f": false}}',
    '[]', '{}', '[ ]', '{ }', ' [1 , 2 ,3 ] ', '"x"', '0', '-0', '-0.0', '1.5e10',
    '1E5', '1e-5', '-12.25E+3', '123456789012345678901234567890',
    '-98765432109876543210', '3.141592653589793', '1e400', '-1e400',
    '0.1', '[1.0, 2.50, 1e2]', '"\\u00e9\\u4e2d\\ud834\\udd1e"', '"caf\u00e9 \u4e2d\u6587 \U0001f600"',
    '"\\n\\t\\r\\b\\f\\/\\\\\\""', '{"a": 1, "a": 2}', '[NaN, Infinity, -Infinity]',
    '{"k\u00e9y": ["v\u00e4l", {"n": [[[]]]}]}', '[true,false,null]',
    '{"x": {"y": {"z": [1, {"w": "deep"}]}}}', '\n\t {"sp" :\r\n 1 } \n',
    '"\\u0041\\u0042"', '["a\\u0000b"]', '[-1, -0, 10, 01]',
]
for d in docs:
    try:
        v = json.loads(d)
        print(ascii(v), type(v).__name__)
    except json.JSONDecodeError as e:
        print("JSONDecodeError", e.msg, e.pos, e.lineno, e.colno)

# Key memoisation: equal keys in one document are one object.
v = json.loads('[{"key": 1}, {"key": 2}]')
print(list(v[0])[0] is list(v[1])[0])

print(json.loads('{"b": 1, "a": 2, "b": 3}', object_pairs_hook=lambda p: p))
print(json.loads('{"b": 1, "a": 2}', object_pairs_hook=OrderedDict))
print(json.loads('{"b": {"c": 1}, "a": 2}', object_hook=lambda d: sorted(d.items())))
print(json.loads('{"b": 1}', object_hook=lambda d: 1, object_pairs_hook=lambda p: 2))
print(json.loads('[1.1, 2, 3.0e1]', parse_float=Decimal))
print(json.loads('[1.1, 2, 30]', parse_int=lambda s: "int:" + s))
print(json.loads('[NaN, -Infinity]', parse_constant=lambda s: "const:" + s))
print(json.loads('[1, 2.5]', parse_int=float, parse_float=str))
print(json.loads('"a\tb"', strict=False))
print(ascii(json.loads('{"x": "\x01\x1f"}', strict=False)))

bad = [
    '', ' ', '[', ']', '{', '}', '[1,', '[1,]', '[1 2]', '{"a" 1}', '{"a": }', '{"a": 1,}',
    '{"a": 1 "b": 2}', '{1: 2}', "{'a': 1}", '"abc', '"a\x01b"', '"\\x"', '"\\u12g4"',
    '"\\u004', '"\\', '[1] x', 'nul', 'tru', 'fals', 'NaNa', '-', '-a', '01', '1.', '.5',
    '1e', '1e+', '[1.e5]', '{"a": [1, 2}', '[{"a": 1]', '\n\n  [1,\n  2,\n  x]', 'Infinit',
    '-Infinit', '["a", "b\\q"]', '"\\ud834\\udd1', '{"a":1,"b":2,"c"}', '[1,\n,2]',
]
for d in bad:
    try:
        print(ascii(json.loads(d)))
    except json.JSONDecodeError as e:
        print("JSONDecodeError", ascii(e.msg), e.pos, e.lineno, e.colno, ascii(str(e)))

# scanstring directly.
sc = json.decoder.scanstring
for args in [('"abc"', 1), ('x"abc" y', 2), ('"\\"', 1), ('"a\\"b"', 1), ('"\\u0041', 1),
             ('"\\ud834\\udd1e"', 1), ('"\\ud834\\udd1e', 1), ('"\\ud834\\u00', 1),
             ('"a\x01b"', 1, False), ('"a\x01b"', 1, True), ('"\u00e9\u00e8"', 1),
             ('"abc"', 5), ('abc', 3)]:
    try:
        print(ascii(sc(*args)))
    except json.JSONDecodeError as e:
        print("JSONDecodeError", e.msg, e.pos)
for args in [('"abc"', -1), ('"abc"', 6)]:
    try:
        print(sc(*args))
    except ValueError as e:
        print("ValueError", e)
try:
    sc(b'"abc"', 1)
except TypeError as e:
    print("TypeError", e)

# The scanner object directly.
dec = json.JSONDecoder()
sc1 = json.scanner.make_scanner(dec)
print(sc1('[1, 2] tail', 0))
print(sc1('  "s"', 2))
for s, i in [('x', 0), ('[1]', 3), ('  ', 0), ('-x', 0)]:
    try:
        sc1(s, i)
    except StopIteration as e:
        print("StopIteration", e.value)
print(dec.raw_decode('{"a": [1, 2]} extra'))

# Encoding.
for s in ['plain', 'quote " back \\ slash', 'ctl \x00\x01\x1f\x7f', 'nl\n tab\t cr\r bs\b ff\f',
          'caf\u00e9', '\u4e2d\u6587', '\U0001f600', '/solidus', '\u2028\u2029']:
    print(json.dumps(s), json.dumps(s, ensure_ascii=False).encode('utf-8'))
    print(json.encoder.encode_basestring_ascii(s), ascii(json.encoder.encode_basestring(s)))
try:
    json.encoder.encode_basestring_ascii(1)
except TypeError as e:
    print("TypeError", e)

doc = {"name": "caf\u00e9", "n": [1, 2.5, -3, 10**30, None, True, False],
       "nested": {"k": ["a\n", {"z": "\U0001f600"}]}, "e": "", "q": "\"'"}
for kw in [{}, {"indent": 2}, {"sort_keys": True}, {"ensure_ascii": False},
           {"separators": (",", ":")}]:
    out = json.dumps(doc, **kw)
    print(ascii(out))
    print(json.loads(out) == doc)

# Round trip of a medium document.
big = [{"id": i, "name": "item%d" % i, "tags": ["t%d" % j for j in range(i % 4)],
        "price": i * 1.25, "ok": i % 2 == 0, "none": None} for i in range(200)]
s = json.dumps(big)
print(len(s), json.loads(s) == big)

# Deep nesting raises RecursionError, not a crash.
try:
    json.loads('[' * 100000 + ']' * 100000)
except RecursionError:
    print("RecursionError")
print(len(json.loads('[' * 50 + ']' * 50)))
