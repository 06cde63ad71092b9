# find/rfind/index/count/replace/startswith/endswith with ranges and tuples.
s = 'the cat sat on the mat with the hat'
print(s.find('the'), s.find('the', 1), s.rfind('the'), s.find('dog'))
print(s.find('at', 10, 20), s.index('sat'), s.rindex('at'))
print(s.count('the'), s.count('at'), s.count('a', 0, 10), 'aaaa'.count('aa'), 'abc'.count(''))
print(s.replace('the', 'a'), '|', s.replace('the', 'THE', 2))
print('aaa'.replace('a', ''), 'abc'.replace('', '-'))
print(s.startswith('the'), s.startswith('cat', 4), s.endswith('hat'), s.endswith(('dog', 'hat')))
print(s.startswith(('a', 'b', 't')), 'file.py'.endswith(('.txt', '.md')))
try:
    s.index('zebra')
except ValueError as e:
    print('ValueError:', e)
print('banana'.find('a', -2), 'banana'.rfind('a', 0, 3))
print('zzz' in s, 'mat' in s, '' in s)
