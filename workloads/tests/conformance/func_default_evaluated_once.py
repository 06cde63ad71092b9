# Default values are evaluated once, at def time.
def append_to(item, target=[]):
    target.append(item)
    return target

print(append_to(1))
print(append_to(2))
print(append_to(3, []))
print(append_to(4))
print(append_to.__defaults__)

def safe_append(item, target=None):
    if target is None:
        target = []
    target.append(item)
    return target
print(safe_append(1), safe_append(2))

counter = 0
def next_id():
    global counter
    counter += 1
    print('  evaluating default', counter)
    return counter

def make(x=next_id()):
    return x
print('defined make')
print(make(), make(), make(99))

n = 10
def uses(n=n):
    return n
n = 20
print(uses(), n)

def kw_defaults(*, opt={}):
    opt['calls'] = opt.get('calls', 0) + 1
    return opt
kw_defaults(); kw_defaults()
print(kw_defaults(), kw_defaults.__kwdefaults__)
