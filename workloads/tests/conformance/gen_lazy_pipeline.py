# Chained generators process items one at a time (interleaved output).
def source(n):
    for i in range(n):
        print('source yields', i)
        yield i

def square(it):
    for x in it:
        print('  square gets', x)
        yield x * x

def only_even(it):
    for x in it:
        if x % 2 == 0:
            print('    even passes', x)
            yield x

for v in only_even(square(source(4))):
    print('consumer got', v)

def numbered(lines):
    n = 0
    for line in lines:
        n += 1
        yield '%02d: %s' % (n, line)
text = 'alpha\nbeta\n\ngamma'
for row in numbered(l for l in text.split('\n') if l):
    print(row)
