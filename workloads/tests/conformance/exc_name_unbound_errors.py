# NameError and UnboundLocalError messages.
def use_before_assign():
    print(x)
    x = 1

x = 'global'
try:
    use_before_assign()
except UnboundLocalError as e:
    print(type(e).__name__, e)
    print(isinstance(e, NameError))

try:
    print(not_defined_anywhere)
except NameError as e:
    print(type(e).__name__, e)

def deleted():
    y = 5
    del y
    return y

try:
    deleted()
except UnboundLocalError as e:
    print('after del:', e)

try:
    del undefined_global
except NameError as e:
    print('del global:', e)

def outer():
    def inner():
        return z
    try:
        return inner()
    except NameError as e:
        return 'inner NameError: ' + str(e)
print(outer())
