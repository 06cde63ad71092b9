# Decorators without arguments: wrapping, stacking order, preserving names by hand.
def shout(fn):
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs).upper() + '!'
    wrapper.__name__ = fn.__name__
    return wrapper

def trace(fn):
    def wrapper(*args, **kwargs):
        print('calling %s args=%r kwargs=%r' % (fn.__name__, args, kwargs))
        result = fn(*args, **kwargs)
        print('%s returned %r' % (fn.__name__, result))
        return result
    wrapper.__name__ = fn.__name__
    return wrapper

@trace
@shout
def greet(name, punct='.'):
    return 'hello ' + name + punct

print(greet('ann'))
print(greet('bob', punct='?'))
print(greet.__name__)

def register(fn):
    print('registering', fn.__name__)
    return fn

@register
def plain():
    return 'plain result'
print(plain())

def decorate_class(cls):
    cls.tagged = True
    return cls

@decorate_class
class Thing:
    pass
print(Thing.tagged)
