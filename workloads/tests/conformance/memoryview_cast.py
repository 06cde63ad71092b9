# memoryview.cast to native formats, items, slices and errors.
import array
b = bytes(range(16))
m = memoryview(b).cast('I')
print(m.itemsize, len(m), m.format, m.nbytes, m.tolist()[:2], m[1], list(m)[:1])
ba = bytearray(8)
w = memoryview(ba).cast('H')
w[1] = 513
print(ba, w.tolist(), w[::2].tolist())
try: w[0] = -1
except ValueError as e: print(e)
try: w[0] = 'x'
except TypeError as e: print(e)
try: m.cast('I')
except TypeError as e: print(e)
try: memoryview(b'abc').cast('I')
except TypeError as e: print(e)
try: memoryview(b).cast('xx')
except ValueError as e: print(e)
print(memoryview(b).cast('d').tolist()[0] == 0.0, memoryview(b'\x01\x00').cast('h') == memoryview(b'\x01\x00').cast('H'))
print(m.cast('B').tolist() == list(b), m.shape, m.strides)
