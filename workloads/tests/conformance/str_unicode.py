# Strings are sequences of code points, not bytes.
s = 'héllo wörld'
print(s, len(s))
print(s[1], s[7], s[-4:])
print(s.upper())
print(s[::-1])
print('ö' in s, s.find('w'), s.replace('ö', 'o'))
greek = 'αβγ'
print(len(greek), greek[1], greek * 2)
print(['é', 'ñ'])
count = 0
for ch in s:
    if ch == 'l':
        count += 1
print(count)
