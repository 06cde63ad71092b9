# Building strings incrementally and counting characters / words.
text = 'the rain in spain falls mainly on the plain'
freq = {}
for ch in text:
    if ch != ' ':
        freq[ch] = freq.get(ch, 0) + 1
top = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
print(top)
words = text.split()
print(max(words, key=len), sorted(set(words)), len(words))
print({w: text.count(w) for w in ('ain', 'the', 'x')})
out = ''
for i, w in enumerate(words):
    out += w[::-1] if i % 2 else w.upper()
    out += ' '
print(out.rstrip())
parts = []
for n in range(1, 16):
    parts.append('FizzBuzz' if n % 15 == 0 else 'Fizz' if n % 3 == 0 else 'Buzz' if n % 5 == 0 else str(n))
print(','.join(parts))
acronym = ''.join(w[0] for w in 'portable network graphics'.split()).upper()
print(acronym)
print(' '.join(w.capitalize() for w in 'snake_case_name'.split('_')))
camel = 'someCamelCaseName'
snake = ''.join('_' + c.lower() if c.isupper() else c for c in camel)
print(snake)
