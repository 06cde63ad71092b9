# abc.get_cache_token() changes when an ABC registers a class (what
# functools.singledispatch caches against), and only then.
import abc


class Base(abc.ABC):
    pass


t1 = abc.get_cache_token()
t2 = abc.get_cache_token()
Base.register(int)
t3 = abc.get_cache_token()
print(t1 == t2, t2 != t3, type(t3).__name__, isinstance(5, Base))
try:
    abc.get_cache_token(1)
except TypeError as e:
    print("TypeError", e)
