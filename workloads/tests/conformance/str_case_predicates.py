# Case conversion and character-class predicates.
samples = ['hello world', 'Hello World', 'HELLO', '123', '12.5', '', 'abc123', '  ', "it's o'neil"]
for t in samples:
    print(repr(t), t.upper(), t.lower(), t.title(), t.capitalize(), t.swapcase())
print([t.isdigit() for t in samples])
print([t.isalpha() for t in samples])
print([t.isalnum() for t in samples])
print([t.isspace() for t in samples])
print([t.isupper() for t in samples])
print([t.islower() for t in samples])
print([t.istitle() for t in samples])
print('²'.isdigit(), '²'.isdecimal(), '½'.isnumeric(), 'x_1'.isidentifier(), '1x'.isidentifier())
print('ß'.upper(), 'ß'.lower(), 'ﬁ'.upper())
print('MiXeD'.casefold(), 'Straße'.casefold())
