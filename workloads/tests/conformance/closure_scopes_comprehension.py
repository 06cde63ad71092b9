# Comprehensions have their own scope but can see enclosing function variables.
def scale_all(values, factor):
    return [v * factor for v in values]
print(scale_all([1, 2, 3], 4))

def matrix(n):
    return [[r * n + c for c in range(n)] for r in range(n)]
print(matrix(3))

x = 'module'
result = [x for x in range(3)]
print(result, x)

def nested_lambdas():
    fs = {name: (lambda n=name: n.upper()) for name in ('a', 'b')}
    return sorted((k, f()) for k, f in fs.items())
print(nested_lambdas())

def counter_in_comp():
    total = 0
    def add(v):
        nonlocal total
        total += v
        return total
    running = [add(v) for v in range(1, 6)]
    return running, total
print(counter_in_comp())

def gen_closure():
    base = 100
    g = (base + i for i in range(3))
    base = 200
    return list(g)
print(gen_closure())
