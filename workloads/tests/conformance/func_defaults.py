# Functions with positional and default arguments.

def greet(name, greeting='Hello', punct='!'):
    return greeting + ', ' + name + punct

print(greet('Ann'))
print(greet('Bob', 'Hi'))
print(greet('Cy', 'Yo', '?'))

def power(base, exp=2):
    return base ** exp

print(power(3), power(2, 10), power(10, 20))
counter = 10

def default_captured(x=counter):
    return x

counter = 99
print(default_captured(), default_captured(5))

def accumulate(x, acc=[]):
    acc.append(x)
    return acc

print(accumulate(1))
print(accumulate(2))
print(accumulate(3, []))
print(accumulate(4))

def no_return(x):
    x + 1

print(no_return(1))

def early(x):
    if x > 0:
        return 'positive'
    return

print(early(1), early(-1))

def swap(a, b):
    return b, a

print(swap(1, 2))
