# Strings inside containers print with repr quoting and escapes.
print(['a', 'b'], ('x',), {'k': 'v'})
print(["it's"], ['say "hi"'])
print(['both \' and "'])
print(['line\nbreak', 'tab\tchar', 'back\\slash'])
print([''], ('',), {'': ''})
print(str(['a', 1]), str(('b', 2.0)))
print(len(str(['a'])))
nested = {'list': ['x', ['y']], 'tuple': ('z',)}
print(nested)
print(str(nested) == "{'list': ['x', ['y']], 'tuple': ('z',)}")
