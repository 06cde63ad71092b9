# global declarations; reading globals without declaring them.
counter = 0
config = {'scale': 3}
history = []

def bump():
    global counter
    counter += 1
    history.append(counter)

def scaled(x):
    return x * config['scale']

def reset():
    global counter, history
    counter = 0
    history = []

def shadow():
    counter = 'local'
    return counter

for i in range(5):
    bump()
print(counter, history)
print(scaled(7))
config['scale'] = 10
print(scaled(7))
print(shadow(), counter)
reset()
print(counter, history)

def define_new():
    global created
    created = 'made inside function'

define_new()
print(created)
