# Generators as state machines / coroutines: a tokenizer and a running average.
def tokens(text):
    word = ''
    for ch in text:
        if ch.isalnum():
            word += ch
        else:
            if word:
                yield ('WORD', word)
                word = ''
            if not ch.isspace():
                yield ('PUNCT', ch)
    if word:
        yield ('WORD', word)

for tok in tokens('Hello, world! x=42;'):
    print(tok)

def averager():
    total = 0.0
    count = 0
    avg = None
    while True:
        term = yield avg
        total += term
        count += 1
        avg = total / count

a = averager()
next(a)
for v in (10, 20, 60):
    print(a.send(v))

def round_robin(*gens):
    gens = list(gens)
    while gens:
        g = gens.pop(0)
        try:
            yield next(g)
            gens.append(g)
        except StopIteration:
            pass
print(list(round_robin(iter('abc'), iter([1, 2]), iter('XYZW'))))
