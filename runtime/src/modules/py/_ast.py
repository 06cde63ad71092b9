# The `_ast` module: the node classes of Python 3.11's abstract syntax
# tree, as the `ast` module documents them ("Abstract Grammar"), so that
# CPython's `ast` (and `inspect`, `dataclasses`... above it) import. The
# classes are built from the grammar below: each sum type (`stmt`, `expr`,
# ...) is an abstract class whose constructors are its subclasses; each
# product type (`arguments`, `keyword`, ...) is one class. A class has
# `_fields` (its children, in order), `_attributes` (positions), a
# constructor taking the fields positionally or by keyword, and the value
# None for its optional (`?`) fields and attributes. Compiling to an AST
# (`compile(..., PyCF_ONLY_AST)`) is not part of this module.

PyCF_ONLY_AST = 1024
PyCF_TYPE_COMMENTS = 4096
PyCF_ALLOW_TOP_LEVEL_AWAIT = 8192

_POSITIONS = "(int lineno, int col_offset, int? end_lineno, int? end_col_offset)"

_GRAMMAR = """
mod = Module(stmt* body, type_ignore* type_ignores)
    | Interactive(stmt* body)
    | Expression(expr body)
    | FunctionType(expr* argtypes, expr returns)

stmt = FunctionDef(identifier name, arguments args, stmt* body, expr* decorator_list, expr? returns, string? type_comment)
    | AsyncFunctionDef(identifier name, arguments args, stmt* body, expr* decorator_list, expr? returns, string? type_comment)
    | ClassDef(identifier name, expr* bases, keyword* keywords, stmt* body, expr* decorator_list)
    | Return(expr? value)
    | Delete(expr* targets)
    | Assign(expr* targets, expr value, string? type_comment)
    | AugAssign(expr target, operator op, expr value)
    | AnnAssign(expr target, expr annotation, expr? value, int simple)
    | For(expr target, expr iter, stmt* body, stmt* orelse, string? type_comment)
    | AsyncFor(expr target, expr iter, stmt* body, stmt* orelse, string? type_comment)
    | While(expr test, stmt* body, stmt* orelse)
    | If(expr test, stmt* body, stmt* orelse)
    | With(withitem* items, stmt* body, string? type_comment)
    | AsyncWith(withitem* items, stmt* body, string? type_comment)
    | Match(expr subject, match_case* cases)
    | Raise(expr? exc, expr? cause)
    | Try(stmt* body, excepthandler* handlers, stmt* orelse, stmt* finalbody)
    | TryStar(stmt* body, excepthandler* handlers, stmt* orelse, stmt* finalbody)
    | Assert(expr test, expr? msg)
    | Import(alias* names)
    | ImportFrom(identifier? module, alias* names, int? level)
    | Global(identifier* names)
    | Nonlocal(identifier* names)
    | Expr(expr value)
    | Pass
    | Break
    | Continue
    attributes POSITIONS

expr = BoolOp(boolop op, expr* values)
    | NamedExpr(expr target, expr value)
    | BinOp(expr left, operator op, expr right)
    | UnaryOp(unaryop op, expr operand)
    | Lambda(arguments args, expr body)
    | IfExp(expr test, expr body, expr orelse)
    | Dict(expr* keys, expr* values)
    | Set(expr* elts)
    | ListComp(expr elt, comprehension* generators)
    | SetComp(expr elt, comprehension* generators)
    | DictComp(expr key, expr value, comprehension* generators)
    | GeneratorExp(expr elt, comprehension* generators)
    | Await(expr value)
    | Yield(expr? value)
    | YieldFrom(expr value)
    | Compare(expr left, cmpop* ops, expr* comparators)
    | Call(expr func, expr* args, keyword* keywords)
    | FormattedValue(expr value, int conversion, expr? format_spec)
    | JoinedStr(expr* values)
    | Constant(constant value, string? kind)
    | Attribute(expr value, identifier attr, expr_context ctx)
    | Subscript(expr value, expr slice, expr_context ctx)
    | Starred(expr value, expr_context ctx)
    | Name(identifier id, expr_context ctx)
    | List(expr* elts, expr_context ctx)
    | Tuple(expr* elts, expr_context ctx)
    | Slice(expr? lower, expr? upper, expr? step)
    attributes POSITIONS

expr_context = Load | Store | Del

boolop = And | Or

operator = Add | Sub | Mult | MatMult | Div | Mod | Pow | LShift | RShift | BitOr | BitXor | BitAnd | FloorDiv

unaryop = Invert | Not | UAdd | USub

cmpop = Eq | NotEq | Lt | LtE | Gt | GtE | Is | IsNot | In | NotIn

comprehension = (expr target, expr iter, expr* ifs, int is_async)

excepthandler = ExceptHandler(expr? type, identifier? name, stmt* body)
    attributes POSITIONS

arguments = (arg* posonlyargs, arg* args, arg? vararg, arg* kwonlyargs, expr* kw_defaults, arg? kwarg, expr* defaults)

arg = (identifier arg, expr? annotation, string? type_comment)
    attributes POSITIONS

keyword = (identifier? arg, expr value)
    attributes POSITIONS

alias = (identifier name, identifier? asname)
    attributes POSITIONS

withitem = (expr context_expr, expr? optional_vars)

match_case = (pattern pattern, expr? guard, stmt* body)

pattern = MatchValue(expr value)
    | MatchSingleton(constant value)
    | MatchSequence(pattern* patterns)
    | MatchMapping(expr* keys, pattern* patterns, identifier? rest)
    | MatchClass(expr cls, pattern* patterns, identifier* kwd_attrs, pattern* kwd_patterns)
    | MatchStar(identifier? name)
    | MatchAs(pattern? pattern, identifier? name)
    | MatchOr(pattern* patterns)
    attributes (int lineno, int col_offset, int end_lineno, int end_col_offset)

type_ignore = TypeIgnore(int lineno, string tag)
""".replace("POSITIONS", _POSITIONS)


class AST:
    _fields = ()
    _attributes = ()
    __match_args__ = ()

    def __init__(self, *args, **kwargs):
        fields = type(self)._fields
        if len(args) > len(fields):
            n = len(fields)
            raise TypeError(
                f"{type(self).__name__} constructor takes at most "
                f"{n} positional argument{'' if n == 1 else 's'}"
            )
        for name, value in zip(fields, args):
            setattr(self, name, value)
        for name, value in kwargs.items():
            setattr(self, name, value)

    def __reduce__(self):
        state = getattr(self, "__dict__", None)
        if state:
            return type(self), (), state
        return type(self), ()


AST.__module__ = "ast"


def _parse_fields(text):
    """`(expr? value, string? kind)` -> [("value", True), ("kind", True)]:
    each name with whether it is optional."""
    text = text.strip()
    if not text:
        return []
    assert text[0] == "(" and text[-1] == ")", text
    fields = []
    for part in text[1:-1].split(","):
        kind, name = part.split()
        fields.append((name, kind.endswith("?")))
    return fields


def _make(name, base, fields, attributes, doc):
    namespace = {
        "_fields": tuple(f for f, _ in fields),
        "__match_args__": tuple(f for f, _ in fields),
        "__module__": "ast",
        "__doc__": doc,
    }
    if attributes is not None:
        namespace["_attributes"] = tuple(a for a, _ in attributes)
    cls = type(name, (base,), namespace)
    # Optional fields and attributes read None until set (the class's own
    # attributes: an instance's __dict__ has only what it was given).
    for field, optional in fields + (attributes or []):
        if optional:
            setattr(cls, field, None)
    globals()[name] = cls
    return cls


def _constructor(text):
    """`Name(identifier id, expr_context ctx)` -> ("Name", "(...)")."""
    text = text.strip()
    if "(" in text:
        at = text.index("(")
        return text[:at].strip(), text[at:]
    return text, ""


def _build():
    for definition in _GRAMMAR.strip().split("\n\n"):
        lines = [line.strip() for line in definition.strip().split("\n")]
        body = " ".join(lines)
        attributes = None
        if " attributes " in body:
            body, attrs = body.split(" attributes ")
            attributes = _parse_fields(attrs)
        type_name, rhs = body.split(" = ", 1)
        if rhs.startswith("("):
            # A product type: one class.
            _make(type_name, AST, _parse_fields(rhs), attributes,
                  f"{type_name}{rhs}")
            continue
        constructors = [c.strip() for c in rhs.split(" | ")]
        doc = type_name + " = " + ("\n" + " " * len(type_name) + " | ").join(constructors)
        if "(" not in rhs:
            doc = type_name + " = " + " | ".join(constructors)
        base = _make(type_name, AST, [], attributes, doc)
        for constructor in constructors:
            name, fields = _constructor(constructor)
            _make(name, base, _parse_fields(fields), None, constructor)


_build()
del _build, _make, _constructor, _parse_fields, _GRAMMAR, _POSITIONS
