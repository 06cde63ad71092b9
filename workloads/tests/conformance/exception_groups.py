# BaseExceptionGroup / ExceptionGroup (PEP 654): construction rules,
# attributes, split/subgroup/derive, str/repr, subclassing.

def attempt(f):
    try:
        r = f()
        print("ok", repr(r))
    except Exception as e:
        print(type(e).__name__ + ":", e)

# The class rule of BaseExceptionGroup.__new__.
print(type(BaseExceptionGroup("m", [ValueError(1)])).__name__)
print(type(BaseExceptionGroup("m", [ValueError(1), KeyboardInterrupt()])).__name__)
print(type(ExceptionGroup("m", (TypeError(),))).__name__)
print(ExceptionGroup.__mro__)
print(BaseExceptionGroup.__bases__, ExceptionGroup.__bases__, ExceptionGroup.__base__)
print(issubclass(ExceptionGroup, Exception), issubclass(BaseExceptionGroup, Exception))
print(ExceptionGroup.__module__, repr(ExceptionGroup), BaseExceptionGroup.__name__)

# Validation.
attempt(lambda: BaseExceptionGroup("x"))
attempt(lambda: BaseExceptionGroup(1, [ValueError()]))
attempt(lambda: BaseExceptionGroup("x", 5))
attempt(lambda: BaseExceptionGroup("x", []))
attempt(lambda: BaseExceptionGroup("x", [1]))
attempt(lambda: BaseExceptionGroup("x", [ValueError(), 2]))
attempt(lambda: BaseExceptionGroup("x", [ValueError()], 3))
attempt(lambda: ExceptionGroup("x", [KeyboardInterrupt()]))
attempt(lambda: BaseExceptionGroup("x", exceptions=[ValueError()]))
attempt(lambda: BaseExceptionGroup("x", [ValueError()], a=1))
attempt(lambda: ExceptionGroup("x", "abc"))
attempt(lambda: ExceptionGroup("x", {ValueError()}))
attempt(lambda: ExceptionGroup("x", {1: 2}))

# Attributes.
v, t, k = ValueError(1), TypeError(2), KeyError(3)
eg = ExceptionGroup("msg", [v, t, ExceptionGroup("inner", [k, ValueError(4)])])
print(eg.message, type(eg.exceptions).__name__, len(eg.exceptions))
print(eg.exceptions[0] is v, eg.args[0], type(eg.args[1]).__name__)
print(str(eg), "|", eg.__str__())
print(repr(eg))
print(str(BaseExceptionGroup("one", [SystemExit(0)])))
try:
    eg.message = "other"
except AttributeError as e:
    print("AttributeError:", e)
try:
    eg.exceptions = ()
except AttributeError as e:
    print("AttributeError:", e)
print(isinstance(eg, Exception), isinstance(eg, BaseExceptionGroup))

# split / subgroup.
def show(pair):
    return tuple(repr(p) for p in pair)
print(show(eg.split(ValueError)))
print(show(eg.split((KeyError, TypeError))))
print(show(eg.split(OSError)))
print(show(eg.split(Exception)))
print(show(eg.split(lambda e: isinstance(e, ValueError) and e.args[0] > 1)))
print(repr(eg.subgroup(KeyError)))
print(repr(eg.subgroup(OSError)))
print(eg.subgroup(ExceptionGroup) is eg)
print(repr(eg.subgroup(lambda e: not isinstance(e, BaseExceptionGroup))))
attempt(lambda: eg.split(1))
attempt(lambda: eg.split((ValueError, 1)))
attempt(lambda: eg.split(int))
attempt(lambda: eg.subgroup())

# Metadata is copied to the parts.
try:
    try:
        raise KeyError("ctx")
    except KeyError:
        raise ExceptionGroup("g", [ValueError(1), TypeError(2)]) from OSError("cause")
except ExceptionGroup as g:
    caught = g
m, r = caught.split(ValueError)
print(repr(m.__cause__), repr(m.__context__), repr(r.__cause__), repr(r.__context__))
print(m.__traceback__ is not None, r.__suppress_context__)

# derive.
d = eg.derive([KeyError(9)])
print(type(d).__name__, repr(d), d.message)
d = eg.derive([KeyboardInterrupt()])
print(type(d).__name__)
attempt(lambda: eg.derive())

# Subclassing.
class MyEG(ExceptionGroup):
    def __new__(cls, message, excs, code):
        obj = super().__new__(cls, message, excs)
        obj.code = code
        return obj

    def __init__(self, message, excs, code):
        super().__init__(message, excs)

    def derive(self, excs):
        return MyEG(self.message, excs, self.code)

g = MyEG("mine", [ValueError(1), TypeError(2)], 42)
print(type(g).__name__, g.code, g.message, str(g), repr(g))
a, b = g.split(TypeError)
print(type(a).__name__, a.code, repr(a.exceptions), type(b).__name__, b.code)
attempt(lambda: MyEG("x", [KeyboardInterrupt()], 1))

class Plain(BaseExceptionGroup):
    pass
p = Plain("p", [ValueError(), KeyboardInterrupt()])
print(type(p).__name__, isinstance(p, Exception), str(p))
a, b = p.split(ValueError)
print(type(a).__name__, type(b).__name__)

class NoDerive(ExceptionGroup):
    pass
nd = NoDerive("n", [ValueError(1), TypeError(2)])
a, b = nd.split(ValueError)
print(type(a).__name__, type(b).__name__)

# Catching with plain except.
try:
    raise ExceptionGroup("boom", [ValueError("a")])
except Exception as e:
    print("caught", type(e).__name__, e)
try:
    raise BaseExceptionGroup("boom", [KeyboardInterrupt()])
except Exception:
    print("wrong")
except BaseException as e:
    print("caught base", type(e).__name__, e)
