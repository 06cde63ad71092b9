# re.sub / subn / split / findall / finditer / escape / Scanner, through
# CPython's re.
import re

def attempt(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

print(re.sub(r'\d+', '#', 'a1b22c333'), re.sub(r'\d+', '#', 'a1b22c333', count=2))
print(re.subn(r'(\w+)@(\w+)', r'\2 at \1', 'joe@home ann@work'))
print(re.sub(r'(?P<first>\w+) (?P<last>\w+)', r'\g<last>, \g<first>', 'John Smith'))
print(re.sub(r'(\d)', r'<\1\g<0>>', 'a1b2'), re.sub('x*', '-', 'abxd'), re.sub('', '-', 'abc'))
print(re.sub(r'\s+', lambda m: '_' * len(m.group()), 'a  b \t c'), re.sub('a', r'\n', 'bab') == 'b\nb')
print(re.sub(r'(a)|b', r'[\1]', 'ab'), re.sub(rb'\d', rb'<\g<0>>', b'x1y2'))
print(re.sub('(?i)hello', 'bye', 'Hello HELLO hello'), re.sub(r'^', '> ', 'a\nb', flags=re.M))
print(re.split(r'[,;]\s*', 'a, b;c ,d'), re.split(r'([,;])', 'a,b;c'), re.split(r'x*', 'axbc'))
print(re.split(r'\s+', ' a b ', maxsplit=1), re.split(r'(\d)?x', 'axb1xc'), re.split('', 'ab'))
print(re.split(rb',', b'a,b,,c'), re.split(r'(?=b)', 'abab'))
print(re.findall(r'(\w)(\d)?', 'a1b c2'), re.findall(r'\d+', 'no'), re.findall(r'(a)(b)?', 'aab'))
print(re.findall(r'x*', 'axxb'), re.findall(r'\b\w', 'hello big world'), re.findall(rb'[a-c]+', b'abxcab'))
print([m.span() for m in re.finditer(r'x*', 'axxb')], [m.group(1) for m in re.finditer(r'(\d+)', 'a12b3')])
it = re.finditer(r'\w+', 'one two')
print(next(it).group(), next(it).group(), next(it, 'done'))
print(re.escape('a.b*c?d[e]f(g)h{i}j|k^l$m\\n o'), re.escape(b'a.b'))
sc = re.Scanner([(r'\d+', lambda s, t: ('NUM', t)), (r'[a-z]+', lambda s, t: ('ID', t)), (r'\s+', None)])
print(sc.scan('abc 12 de 3 !'))
p = re.compile(r'\d')
s = p.scanner('1a23')
print(s.match().group(), s.match(), s.search(), s.pattern is p)
s = p.scanner('1a23')
print(s.search().group(), s.search().group(), s.search().group(), s.search())
attempt(lambda: re.sub(r'(a)', r'\2', 'a'))
attempt(lambda: re.sub(r'a', r'\g<x>', 'a'))
attempt(lambda: re.sub(r'a', lambda m: 1, 'a'))
attempt(lambda: re.sub(r'a', 'b', b'a'))
attempt(lambda: re.sub(r'a', 'b'))
print(re.sub(r'(?P<n>a)', r'\g<n>\g<n>', 'aba'), re.subn('b', '', 'abcb'))
cache = [re.compile(r'\w+') is re.compile(r'\w+')]
print(cache, re.purge())
print(re.sub(r'(\w+)', lambda m: m.group(1).upper(), 'caf\u00e9 ol\u00e9'), re.findall(r'(?i)\u00c9', '\u00e9\u00c9'))
