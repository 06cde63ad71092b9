# Function objects: __name__, __doc__, __defaults__, attributes, identity.
def documented(a, b=2, *args, c, d=4, **kw):
    """Adds things."""
    return a + b

print(documented.__name__, documented.__doc__)
print(documented.__defaults__, documented.__kwdefaults__)
print(documented.__annotations__, documented.__module__)
def nodoc():
    pass
print(nodoc.__doc__, nodoc.__defaults__, nodoc.__kwdefaults__)
nodoc.custom = 'attached'
print(nodoc.custom, nodoc.__dict__)
alias = nodoc
print(alias is nodoc, alias.__name__)
def outer():
    def inner():
        pass
    return inner
print(outer().__qualname__, outer() is outer())
print(repr(nodoc).startswith('<function nodoc at 0x'))
print(type(len).__name__, len.__name__, callable(nodoc))
