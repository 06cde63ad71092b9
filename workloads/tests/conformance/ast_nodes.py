# _ast: the node classes of the abstract grammar (fields, attributes, optional
# fields reading None, the constructor's checks), usable in match patterns
# and copyable.
import _ast
print(_ast.PyCF_ONLY_AST, _ast.Name, _ast.Name.__mro__)
print(_ast.FunctionDef._fields, _ast.FunctionDef._attributes, _ast.FunctionDef.returns)
n = _ast.Name("x", _ast.Load(), lineno=3)
print(n.id, type(n.ctx).__name__, n.lineno, n.end_lineno, n.__dict__.keys())
try:
    _ast.Name(1, 2, 3)
except TypeError as e:
    print(type(e).__name__, e)
try:
    _ast.Pass(1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    _ast.Name("y").ctx
except AttributeError as e:
    print(type(e).__name__, e)
print(_ast.Name("q").__reduce__()[0].__name__)
match _ast.BinOp(_ast.Constant(1), _ast.Add(), _ast.Constant(2)):
    case _ast.BinOp(_ast.Constant(a), _ast.Add(), _ast.Constant(b)):
        print("matched", a + b)
print(isinstance(_ast.If(), _ast.stmt), issubclass(_ast.Load, _ast.expr_context), _ast.stmt.__doc__.splitlines()[1])
print(sorted(k for k in dir(_ast) if not k.startswith("_"))[:8], len([k for k in dir(_ast) if not k.startswith("__")]))
import copy
c = copy.deepcopy(_ast.Name("z", _ast.Store()))
print(type(c).__name__, c.id, type(c.ctx).__name__)
