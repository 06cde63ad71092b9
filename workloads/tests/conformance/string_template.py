# string.Template (CPython's string module, on `re`).
import string

t = string.Template("$who likes ${what}; $$5")
print(t.substitute(who="tim", what="kung pao"))
print(t.safe_substitute(who="tim"))
print(t.substitute({"who": "a", "what": "b"}, what="c"))
try:
    t.substitute(who="x")
except KeyError as e:
    print(type(e).__name__, e)
try:
    string.Template("$ 1").substitute()
except ValueError as e:
    print(type(e).__name__, e)
print(t.get_identifiers(), t.is_valid(), string.Template("$").is_valid())


class Percent(string.Template):
    delimiter = "%"


print(Percent("%x + %{y} = %%").substitute(x=1, y=2))
