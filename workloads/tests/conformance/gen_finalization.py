# A suspended generator is closed (running its finally) when it is dropped.
def resource(name):
    print('  open', name)
    try:
        yield name + '-1'
        yield name + '-2'
    finally:
        print('  close', name)

g = resource('a')
print(next(g))
print('dropping a')
del g
print('after drop')

for item in resource('b'):
    print('got', item)
    break
print('after break')

def first(it):
    for x in it:
        return x
print(first(resource('c')))
print('after first')

g = resource('d')
print(next(g))
g = resource('e')
print('rebound, e not started yet')
print(next(g))
g = None
print('end')
