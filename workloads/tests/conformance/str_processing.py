# A small text-processing workload: word frequencies, palindromes, caesar shift.
text = 'the cat and the hat and the bat sat on the mat'
counts = {}
for w in text.split():
    counts[w] = counts.get(w, 0) + 1
print(counts)
best = ''
best_n = 0
for w, n in counts.items():
    if n > best_n:
        best = w
        best_n = n
print(best, best_n)

def is_palindrome(s):
    s = s.lower().replace(' ', '')
    return s == s[::-1]

for cand in ['Racecar', 'hello', 'A man a plan a canal Panama', '', 'ab']:
    print(cand, is_palindrome(cand))

alphabet = 'abcdefghijklmnopqrstuvwxyz'

def shift(s, n):
    out = ''
    for ch in s:
        i = alphabet.find(ch)
        if i == -1:
            out += ch
        else:
            out += alphabet[(i + n) % 26]
    return out

enc = shift('hello world', 3)
print(enc, shift(enc, -3))
vowels = 0
for ch in text:
    if ch in 'aeiou':
        vowels += 1
print(vowels)
print(len(text), text.upper()[:7])
