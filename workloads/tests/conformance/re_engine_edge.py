# The matcher's corner cases through CPython's re: backtracking into
# groups, repeats of empty matches, long subjects, threads sharing a
# compiled pattern.
import re
import threading

CASES = [
    (r'(a|ab)(c|bcd)(d*)', 'abcd'), (r'(a+|b+)*c', 'aabbc'), (r'(a*)+b', 'aab'),
    (r'(a*?)+?b', 'aab'), (r'((a)|b)+', 'abab'), (r'(?:(a)|(b)|c)+', 'abc'),
    (r'(a)?(?(1)a|b)+', 'aab'), (r'(?:x(a)|x(b))*', 'xaxb'), (r'(\w+?)(\d*)$', 'abc123'),
    (r'(?=(\w+))\w', 'ab'), (r'(?<=(a))b', 'ab'), (r'(?!(a)b)\w', 'ac'),
    (r'(a{2,4}?){2}', 'aaaaa'), (r'(?:a{0,2}){3}b', 'aaaab'), (r'(a|b)*?b', 'aab'),
    (r'(?:()|a)*b', 'aab'), (r'(a?)*?c', 'aac'), (r'(?>(a+))b', 'aab'), (r'(?:(a)|b)++c', 'abc'),
    (r'([ab]*?)(b)?c', 'abc'), (r'^(?:(\d+)\.)?(\d+)$', '12.34'), (r'(.)(?P<x>.)(?P=x)\1', 'abba'),
    (r'(?i)(\w)\1', 'aA'), (r'(?s)(.*)(\n)', 'a\nb\n'), (r'\b(\w+)\s+\1\b', 'the the end'),
    (r'(a)|\1', 'x'), (r'(?:a|(b))\1?', 'bb'), (r'[^\W\d_]+', '_ab1'),
]
for pattern, subject in CASES:
    try:
        m = re.search(pattern, subject)
        print(pattern, m and (m.span(), m.groups(), m.lastindex))
    except re.error as e:
        print(pattern, 'error', e)

print(len(re.match(r'(?:a|b)*c', 'ab' * 50000 + 'c').group()))
print(re.match(r'(a|b)*c', 'ab' * 50000 + 'c').span(1))
print(re.search(r'x', 'a' * 200000 + 'x').span(), len(re.findall(r'\w+', 'ab ' * 20000)))
print(re.match(r'(?:a*)*b', 'a' * 12), re.fullmatch(r'(?:a+)+', 'a' * 5000).span())

PATTERN = re.compile(r'(\w+)=(\d+)')
TEXT = ' '.join('k%d=%d' % (i, i * i) for i in range(200))
results = [None] * 4

def work(i):
    total = 0
    for _ in range(20):
        total += sum(int(v) for _, v in PATTERN.findall(TEXT))
        total += len(PATTERN.sub(r'\2=\1', TEXT))
    results[i] = total

threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(results)
