# Values computed in try/except/else/finally and which return wins.
def classify(x):
    out = []
    try:
        out.append('try')
        if x == 'raise':
            raise ValueError
        if x == 'return':
            return out + ['returned from try']
    except ValueError:
        out.append('except')
        return out + ['returned from except']
    else:
        out.append('else')
    finally:
        out.append('finally')
    out.append('after')
    return out

print(classify('raise'))
print(classify('return'))
print(classify('normal'))

def gen_cleanup():
    try:
        yield 1
        yield 2
    finally:
        print('generator finally')

for v in gen_cleanup():
    print('got', v)
    break
print('loop exited')
