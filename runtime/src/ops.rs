//! Python's operators and protocols on builtin types: arithmetic, comparison,
//! truth, containment, subscripts, iteration, attributes. Error messages are
//! CPython 3.11's.

use crate::code::{BinOp, CmpOp};
use crate::dict::{builtin_key_eq, new_map};
use crate::object::{
    DictViewKind, IterState, ObjCell, ObjRef, Payload, PyDict, PyStr, RangeObj, SeqIterOf,
    TypeKind, Value,
};
use crate::strategy::LockStrategy;
use crate::subclass::numeric_value;
// The int conversions every module uses, as `ops::to_big` and friends.
use crate::types::float::{
    float_compare, float_eq_big, float_op, int_float_order, to_f64, to_f64_lossless,
};
use crate::types::int::{big_int_op, small_int};
pub use crate::types::int::{int_from_big, is_int_like, to_big};
use crate::vm::{key_of, Args, PyResult, Vm};
use num_bigint::BigInt;
use num_traits::Signed;
use std::cmp::Ordering;

// ---- constructors ----

pub fn new_list<S: LockStrategy>(items: Vec<Value<S>>) -> Value<S> {
    Value::Obj(ObjRef::new(Payload::List(ObjCell::new(items))))
}

pub fn new_tuple<S: LockStrategy>(items: Vec<Value<S>>) -> Value<S> {
    Value::Obj(ObjRef::new(Payload::Tuple(items.into_boxed_slice())))
}

pub fn new_dict<S: LockStrategy>() -> Value<S> {
    Value::Obj(ObjRef::new(Payload::Dict(PyDict::new(new_map()))))
}

/// An empty dict with room for `n` entries: a display (`{"a": 1, "b": 2}`)
/// knows its size, and an entry array of exactly that many is half what
/// growing one entry at a time leaves allocated for two keys.
pub fn new_dict_with_capacity<S: LockStrategy>(n: usize) -> Value<S> {
    let map = crate::dict::DictMap::with_capacity(n);
    Value::Obj(ObjRef::new(Payload::Dict(PyDict::new(map))))
}

pub fn new_str<S: LockStrategy>(s: impl Into<Box<str>>) -> Value<S> {
    Value::Obj(ObjRef::new(Payload::Str(PyStr::new(s))))
}

// ---- type names ----

pub fn type_kind<S: LockStrategy>(v: &Value<S>) -> TypeKind {
    match v {
        Value::None => TypeKind::NoneType,
        Value::Bool(_) => TypeKind::Bool,
        Value::Int(_) => TypeKind::Int,
        Value::Float(_) => TypeKind::Float,
        Value::Obj(o) => match o.payload() {
            Payload::Str(_) => TypeKind::Str,
            Payload::BigInt(_) => TypeKind::Int,
            Payload::Float(_) => TypeKind::Float,
            Payload::Bytes(_) => TypeKind::Bytes,
            Payload::List(_) => TypeKind::List,
            Payload::Tuple(_) => TypeKind::Tuple,
            Payload::Dict(_) => TypeKind::Dict,
            Payload::Set { frozen: false, .. } => TypeKind::Set,
            Payload::Set { frozen: true, .. } => TypeKind::FrozenSet,
            Payload::Range(_) | Payload::BigRange(_) => TypeKind::Range,
            Payload::Slice(_) => TypeKind::Slice,
            Payload::Iter(_) => TypeKind::Iterator,
            Payload::DictView(..) => TypeKind::DictView,
            Payload::Function(_) => TypeKind::Function,
            Payload::Builtin(_) => TypeKind::BuiltinFunction,
            Payload::BoundMethod(..) => TypeKind::Method,
            Payload::Module(_) => TypeKind::Module,
            Payload::Type(_) => TypeKind::Type,
            Payload::Exception(_) => TypeKind::Exception,
            Payload::Thread(_) => TypeKind::Thread,
            Payload::Lock(_) => TypeKind::Lock,
            Payload::Queue(_) => TypeKind::Queue,
            Payload::Socket(_) => TypeKind::Socket,
            Payload::WeakRef(_) => TypeKind::WeakRef,
            Payload::Instance(_) => TypeKind::Instance,
            Payload::Generator(g) => g.kind(),
            Payload::Property(..) => TypeKind::Property,
            Payload::StaticMethod(_) => TypeKind::StaticMethod,
            Payload::ClassMethod(_) => TypeKind::ClassMethod,
            Payload::Super(..) => TypeKind::Super,
            Payload::Native(n) => TypeKind::Native(n.kind()),
            Payload::Cell(_) => TypeKind::Object,
            Payload::Freed => TypeKind::Object,
        },
    }
}

/// `type(v).__name__`.
/// The name of an iterator's type, as CPython's (`list_iterator`,
/// `list_reverseiterator`, `str_ascii_iterator`...).
pub fn iter_type_name<S: LockStrategy>(s: &IterState<S>) -> &'static str {
    match s {
        IterState::Seq { seq, of, .. } => match of {
            SeqIterOf::Itself => match seq.payload() {
                Payload::Tuple(_) => "tuple_iterator",
                Payload::List(_) => "list_iterator",
                Payload::Bytes(_) => "bytes_iterator",
                Payload::Native(n) if n.kind().spec::<S>().name == "bytearray" => {
                    "bytearray_iterator"
                }
                _ => "iterator",
            },
            SeqIterOf::Set => "set_iterator",
            SeqIterOf::ReversedList => "list_reverseiterator",
            SeqIterOf::ReversedRange => "range_iterator",
            SeqIterOf::ReversedBigRange => "longrange_iterator",
            SeqIterOf::ReversedDict(DictViewKind::Keys) => "dict_reversekeyiterator",
            SeqIterOf::ReversedDict(DictViewKind::Values) => "dict_reversevalueiterator",
            SeqIterOf::ReversedDict(DictViewKind::Items) => "dict_reverseitemiterator",
        },
        IterState::Range { .. } => "range_iterator",
        IterState::BigRange(_) => "longrange_iterator",
        IterState::Str { s, .. } => match s.payload() {
            Payload::Str(st) if !st.is_ascii() => "str_iterator",
            _ => "str_ascii_iterator",
        },
        IterState::Dict { kind, .. } => match kind {
            DictViewKind::Keys => "dict_keyiterator",
            DictViewKind::Values => "dict_valueiterator",
            DictViewKind::Items => "dict_itemiterator",
        },
        IterState::GetItem { .. } => "iterator",
        IterState::Enumerate { .. } => "enumerate",
        IterState::Zip { .. } => "zip",
        IterState::Map { .. } => "map",
        IterState::Filter { .. } => "filter",
        IterState::Callable { .. } => "callable_iterator",
        IterState::Exhausted => "iterator",
    }
}

/// The names of the iterator types [`iter_type_name`] gives (each its own
/// type object, see `Interp::iter_types`).
pub const ITER_TYPE_NAMES: [&str; 17] = [
    "tuple_iterator",
    "list_iterator",
    "bytes_iterator",
    "bytearray_iterator",
    "set_iterator",
    "list_reverseiterator",
    "range_iterator",
    "longrange_iterator",
    "dict_reversekeyiterator",
    "dict_reversevalueiterator",
    "dict_reverseitemiterator",
    "str_iterator",
    "str_ascii_iterator",
    "dict_keyiterator",
    "dict_valueiterator",
    "dict_itemiterator",
    "callable_iterator",
];

pub fn type_name<S: LockStrategy>(v: &Value<S>) -> String {
    match v {
        Value::Obj(o) => match o.stored() {
            Payload::Instance(i) => match i.class.get().payload() {
                Payload::Type(t) => t.name.clone(),
                _ => "object".into(),
            },
            Payload::Exception(e) => match e.class.get().payload() {
                Payload::Type(t) => t.name.clone(),
                _ => "BaseException".into(),
            },
            Payload::Iter(state) => state
                .with::<S, _>(&o.header, |s| iter_type_name(s))
                .to_string(),
            Payload::DictView(kind, _) => match kind {
                DictViewKind::Keys => "dict_keys",
                DictViewKind::Values => "dict_values",
                DictViewKind::Items => "dict_items",
            }
            .to_string(),
            _ => static_type_name(type_kind(v)).to_string(),
        },
        _ => static_type_name(type_kind(v)).to_string(),
    }
}

fn static_type_name(kind: TypeKind) -> &'static str {
    match kind {
        TypeKind::Object => "object",
        TypeKind::NoneType => "NoneType",
        TypeKind::Bool => "bool",
        TypeKind::Int => "int",
        TypeKind::Float => "float",
        TypeKind::Str => "str",
        TypeKind::Bytes => "bytes",
        TypeKind::List => "list",
        TypeKind::Tuple => "tuple",
        TypeKind::Dict => "dict",
        TypeKind::Range => "range",
        TypeKind::Slice => "slice",
        TypeKind::Iterator => "iterator",
        TypeKind::DictView => "dict_view",
        TypeKind::Function => "function",
        TypeKind::BuiltinFunction => "builtin_function_or_method",
        TypeKind::Method => "method",
        TypeKind::Module => "module",
        TypeKind::Type => "type",
        TypeKind::Thread => "Thread",
        TypeKind::Lock => "_thread.lock",
        TypeKind::Exception => "BaseException",
        TypeKind::Instance => "object",
        TypeKind::Property => "property",
        TypeKind::StaticMethod => "staticmethod",
        TypeKind::ClassMethod => "classmethod",
        TypeKind::Super => "super",
        TypeKind::Generator => "generator",
        TypeKind::Coroutine => "coroutine",
        TypeKind::AsyncGenerator => "async_generator",
        TypeKind::Set => "set",
        TypeKind::FrozenSet => "frozenset",
        TypeKind::Queue => "Queue",
        TypeKind::Socket => "socket",
        TypeKind::WeakRef => "ReferenceType",
        TypeKind::Native(kind) => kind.name(),
    }
}

// ---- arithmetic ----

pub fn binary_op<S: LockStrategy>(
    vm: &mut Vm<S>,
    op: BinOp,
    a: &Value<S>,
    b: &Value<S>,
) -> PyResult<S> {
    match binary_op_or_none(vm, op, a, b)? {
        Some(v) => Ok(v),
        None => Err(unsupported_operands(vm, op.symbol(), a, b)),
    }
}

fn unsupported_operands<S: LockStrategy>(
    vm: &Vm<S>,
    symbol: &str,
    a: &Value<S>,
    b: &Value<S>,
) -> crate::vm::PyErr<S> {
    let is_seq = |v: &Value<S>| {
        matches!(
            v.payload(),
            Some(Payload::Str(_) | Payload::Bytes(_) | Payload::List(_) | Payload::Tuple(_))
        )
    };
    let is_int = |v: &Value<S>| {
        matches!(v, Value::Int(_) | Value::Bool(_))
            || matches!(v.payload(), Some(Payload::BigInt(_)))
    };
    if symbol == "*" || symbol == "*=" {
        let other = if is_seq(a) {
            Some(b)
        } else if is_seq(b) {
            Some(a)
        } else {
            None
        };
        if let Some(other) = other.filter(|o| !is_int(o)) {
            return vm.type_error(format!(
                "can't multiply sequence by non-int of type '{}'",
                type_name(other)
            ));
        }
    }
    vm.type_error(format!(
        "unsupported operand type(s) for {}: '{}' and '{}'",
        symbol,
        type_name(a),
        type_name(b)
    ))
}

/// The dunder names of a binary operator: (`__add__`, `__radd__`, `__iadd__`).
pub fn binop_dunders(op: BinOp) -> (&'static str, &'static str, &'static str) {
    match op {
        BinOp::Add => ("__add__", "__radd__", "__iadd__"),
        BinOp::Sub => ("__sub__", "__rsub__", "__isub__"),
        BinOp::Mul => ("__mul__", "__rmul__", "__imul__"),
        BinOp::TrueDiv => ("__truediv__", "__rtruediv__", "__itruediv__"),
        BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
        BinOp::Mod => ("__mod__", "__rmod__", "__imod__"),
        BinOp::Pow => ("__pow__", "__rpow__", "__ipow__"),
        BinOp::LShift => ("__lshift__", "__rlshift__", "__ilshift__"),
        BinOp::RShift => ("__rshift__", "__rrshift__", "__irshift__"),
        BinOp::And => ("__and__", "__rand__", "__iand__"),
        BinOp::Or => ("__or__", "__ror__", "__ior__"),
        BinOp::Xor => ("__xor__", "__rxor__", "__ixor__"),
        BinOp::MatMul => ("__matmul__", "__rmatmul__", "__imatmul__"),
    }
}

/// Both operands with an int or float subclass instance replaced by its
/// value (see [`numeric_value`]); `None` when neither is one.
fn numeric_values<S: LockStrategy>(a: &Value<S>, b: &Value<S>) -> Option<(Value<S>, Value<S>)> {
    let (x, y) = (numeric_value(a), numeric_value(b));
    if x.is_none() && y.is_none() {
        return None;
    }
    Some((
        x.unwrap_or_else(|| a.clone()),
        y.unwrap_or_else(|| b.clone()),
    ))
}

/// `a op b` through user dunders: `a.__op__(b)`, then `b.__rop__(a)`
/// (the reflected one first when b's class is a subclass of a's).
fn user_binary_op<S: LockStrategy>(
    vm: &mut Vm<S>,
    op: BinOp,
    a: &Value<S>,
    b: &Value<S>,
) -> PyResult<S, Option<Value<S>>> {
    use crate::classes::{call_dunder, is_not_implemented, user_class_of};
    let (forward, reflected, _) = binop_dunders(op);
    let (ca, cb) = (user_class_of(a), user_class_of(b));
    let b_first = match (&ca, &cb) {
        (Some(x), Some(y)) => !x.ptr_eq(y) && crate::builtins::is_subtype(y, x),
        _ => false,
    };
    if b_first {
        if let Some(r) = call_dunder(vm, b, reflected, vec![a.clone()])? {
            if !is_not_implemented(vm, &r) {
                return Ok(Some(r));
            }
        }
    }
    if ca.is_some() {
        if let Some(r) = call_dunder(vm, a, forward, vec![b.clone()])? {
            if !is_not_implemented(vm, &r) {
                return Ok(Some(r));
            }
        }
    }
    // Never the reflected method of the same class (CPython's
    // `binary_op1` calls one slot when both operands have one type).
    let same = matches!((&ca, &cb), (Some(x), Some(y)) if x.ptr_eq(y));
    if cb.is_some() && !b_first && !same {
        if let Some(r) = call_dunder(vm, b, reflected, vec![a.clone()])? {
            if !is_not_implemented(vm, &r) {
                return Ok(Some(r));
            }
        }
    }
    Ok(None)
}

/// A binary operator on builtin types; `None` when the types do not support it.
pub(crate) fn binary_op_or_none<S: LockStrategy>(
    vm: &mut Vm<S>,
    op: BinOp,
    a: &Value<S>,
    b: &Value<S>,
) -> PyResult<S, Option<Value<S>>> {
    if crate::classes::user_class_of(a).is_some() || crate::classes::user_class_of(b).is_some() {
        if let Some(r) = user_binary_op(vm, op, a, b)? {
            return Ok(Some(r));
        }
        // An int or float subclass computes as its value.
        if let Some((x, y)) = numeric_values(a, b) {
            return binary_op_or_none(vm, op, &x, &y);
        }
        // Neither side's dunder applies; the builtin side may still raise
        // its own error, as `'x' + obj` does in CPython.
    }
    binary_op_native(vm, op, a, b)
}

/// A binary operator as the builtin types compute it, without consulting
/// a user class's dunders (the slot wrappers' `int.__add__`, which a
/// subclass's override may be calling); `None` when the types do not
/// support it. Inlined always: it is the body of `binary_op_or_none`,
/// every operator's slow path, which a call here made measurably slower.
#[inline(always)]
pub(crate) fn binary_op_native<S: LockStrategy>(
    vm: &mut Vm<S>,
    op: BinOp,
    a: &Value<S>,
    b: &Value<S>,
) -> PyResult<S, Option<Value<S>>> {
    if let Some(r) = crate::sets::binary_op(vm, op, a, b)? {
        return Ok(Some(r));
    }
    // Numbers.
    if is_int_like(a) && is_int_like(b) && op != BinOp::MatMul {
        return big_int_op(vm, op, a, b).map(Some);
    }
    if matches!(a, Value::Float(_)) || matches!(b, Value::Float(_)) {
        if let (Some(x), Some(y)) = (to_f64(vm, a)?, to_f64(vm, b)?) {
            if let Some(r) = float_op(vm, op, x, y)? {
                return Ok(Some(r));
            }
        }
    }
    // Types written in Rust (complex with an int or float lands here too).
    if let Some(r) = crate::types::binary(vm, op, a, b)? {
        return Ok(Some(r));
    }
    // `int | None`: a union of classes.
    if op == BinOp::Or {
        if let Some(u) = crate::types::union::or(vm, a, b) {
            return Ok(Some(u));
        }
    }
    // Sequences.
    match (op, a.payload(), b.payload()) {
        (BinOp::Add, Some(Payload::Str(x)), Some(Payload::Str(y))) => {
            // Fallible: two huge strings make MemoryError, not an abort.
            let mut s = String::new();
            crate::alloc::reserve_str(vm, &mut s, x.as_str().len() + y.as_str().len())?;
            s.push_str(x.as_str());
            s.push_str(y.as_str());
            return Ok(Some(new_str(s)));
        }
        (BinOp::Add, Some(Payload::List(p)), Some(Payload::List(q))) => {
            return Ok(Some(crate::types::list::concat(a, p, b, q)));
        }
        (BinOp::Add, Some(Payload::Tuple(x)), Some(Payload::Tuple(y))) => {
            let mut items = x.to_vec();
            items.extend(y.iter().cloned());
            return Ok(Some(new_tuple(items)));
        }
        (BinOp::Add, Some(Payload::Bytes(x)), Some(Payload::Bytes(y))) => {
            let mut v = x.to_vec();
            v.extend_from_slice(y);
            return Ok(Some(Value::Obj(ObjRef::new(Payload::Bytes(
                v.into_boxed_slice(),
            )))));
        }
        (BinOp::Or, Some(Payload::Dict(_)), Some(Payload::Dict(_))) => {
            // PEP 584: the left operand's items, updated with the right's.
            let union = new_dict();
            let target = union.obj().expect("dict").clone();
            for (k, v) in dict_items(a).into_iter().chain(dict_items(b)) {
                dict_set(vm, &target, k, v)?;
            }
            return Ok(Some(union));
        }
        (BinOp::Add, Some(Payload::Str(_)), _) => {
            return Err(vm.type_error(format!(
                "can only concatenate str (not \"{}\") to str",
                type_name(b)
            )))
        }
        (BinOp::Add, Some(Payload::List(_)), _) => {
            return Err(vm.type_error(format!(
                "can only concatenate list (not \"{}\") to list",
                type_name(b)
            )))
        }
        (BinOp::Add, Some(Payload::Tuple(_)), _) => {
            return Err(vm.type_error(format!(
                "can only concatenate tuple (not \"{}\") to tuple",
                type_name(b)
            )))
        }
        (BinOp::Mul, _, _) => {
            if let Some(r) = repeat(vm, a, b)? {
                return Ok(Some(r));
            }
            if let Some(r) = repeat(vm, b, a)? {
                return Ok(Some(r));
            }
        }
        (BinOp::Mod, Some(Payload::Str(x)), _) => {
            let text = x.as_str().to_string();
            return Ok(Some(new_str(crate::fmt::percent_format(vm, &text, b)?)));
        }
        (BinOp::Mod, Some(Payload::Bytes(x)), _) => {
            let out = crate::fmt::bytes_percent_format(vm, x, b)?;
            return Ok(Some(crate::types::bytes::new_bytes(out)));
        }
        _ => {}
    }
    Ok(None)
}

/// `seq * n`, or None when `seq`/`n` are not a sequence and an int.
fn repeat<S: LockStrategy>(
    vm: &Vm<S>,
    seq: &Value<S>,
    n: &Value<S>,
) -> PyResult<S, Option<Value<S>>> {
    let count = match n {
        Value::Int(i) => *i,
        Value::Bool(b) => *b as i64,
        Value::Obj(o) if matches!(o.payload(), Payload::BigInt(_)) => {
            if let Some(
                Payload::Str(_) | Payload::List(_) | Payload::Tuple(_) | Payload::Bytes(_),
            ) = seq.payload()
            {
                return Err(vm.new_error(
                    "OverflowError",
                    "cannot fit 'int' into an index-sized integer",
                ));
            }
            return Ok(None);
        }
        _ => return Ok(None),
    };
    // A negative count repeats nothing. The sizes are CPython's: past
    // `isize::MAX` items a str or bytes is "too long" (OverflowError); a
    // list or tuple, or anything memory cannot hold, is a MemoryError.
    let count = count.max(0) as usize;
    let too_long = |len: usize, what: &str| -> PyResult<S, ()> {
        if count > 0 && len > isize::MAX as usize / count {
            return Err(vm.new_error("OverflowError", format!("{what} too long")));
        }
        Ok(())
    };
    Ok(Some(match seq.payload() {
        Some(Payload::Str(s)) => {
            let text = s.as_str();
            let chars = if text.is_ascii() {
                text.len()
            } else {
                text.chars().count()
            };
            new_str(crate::alloc::repeat_text(
                vm,
                text,
                count,
                chars,
                "repeated string is",
            )?)
        }
        Some(Payload::List(_)) => {
            let items = list_snapshot(seq);
            new_list(crate::alloc::repeat_slice(vm, &items, count)?)
        }
        Some(Payload::Tuple(items)) => new_tuple(crate::alloc::repeat_slice(vm, items, count)?),
        Some(Payload::Bytes(bytes)) => {
            too_long(bytes.len(), "repeated bytes are")?;
            Value::Obj(ObjRef::new(Payload::Bytes(
                crate::alloc::repeat_slice(vm, bytes, count)?.into_boxed_slice(),
            )))
        }
        _ => return Ok(None),
    }))
}

pub fn inplace_op<S: LockStrategy>(
    vm: &mut Vm<S>,
    op: BinOp,
    a: &Value<S>,
    b: &Value<S>,
) -> PyResult<S> {
    if crate::classes::user_class_of(a).is_some() {
        let (_, _, inplace) = binop_dunders(op);
        if let Some(r) = crate::classes::call_dunder(vm, a, inplace, vec![b.clone()])? {
            if !crate::classes::is_not_implemented(vm, &r) {
                return Ok(r);
            }
        }
    }
    if let Some(Payload::List(cell)) = a.payload() {
        let o = a.obj().expect("a list is an object");
        if let Some(r) = crate::types::list::inplace(vm, op, o, cell, b)? {
            return Ok(r);
        }
    }
    if op == BinOp::Or {
        if let Some(Payload::Dict(_)) = a.payload() {
            // `dict |= other` updates in place, taking what `update` takes.
            dict_update_from(vm, a.obj().expect("dict"), b)?;
            return Ok(a.clone());
        }
    }
    if let Some(r) = crate::sets::inplace_op(vm, op, a, b)? {
        return Ok(r);
    }
    if let Some((o, n)) = crate::types::slots(a) {
        if let Some(r) = n.inplace(vm, op, o, b)? {
            return Ok(r);
        }
    }
    match binary_op_or_none(vm, op, a, b)? {
        Some(v) => Ok(v),
        None => {
            let symbol = format!("{}=", op.symbol().trim_end_matches(" or pow()"));
            Err(unsupported_operands(vm, &symbol, a, b))
        }
    }
}

/// A unary operator on an instance of a user class: its dunder
/// (`__neg__`, `__pos__`, `__invert__`, `__abs__`), or CPython's TypeError.
fn user_unary_op<S: LockStrategy>(
    vm: &mut Vm<S>,
    v: &Value<S>,
    dunder: &str,
    what: &str,
) -> PyResult<S> {
    if let Some(n) = numeric_value(v) {
        if crate::classes::call_dunder(vm, v, dunder, Vec::new())?.is_none() {
            return match dunder {
                "__neg__" => unary_neg(vm, &n),
                "__pos__" => unary_pos(vm, &n),
                "__invert__" => unary_invert(vm, &n),
                _ => abs(vm, &n),
            };
        }
    }
    if let Some((o, n)) = crate::types::slots(v) {
        let op = match dunder {
            "__neg__" => crate::types::Unary::Neg,
            "__pos__" => crate::types::Unary::Pos,
            "__invert__" => crate::types::Unary::Invert,
            _ => crate::types::Unary::Abs,
        };
        if let Some(r) = n.unary(vm, op, o)? {
            return Ok(r);
        }
    }
    match crate::classes::call_dunder(vm, v, dunder, Vec::new())? {
        Some(r) => Ok(r),
        None => Err(vm.type_error(format!("bad operand type for {what}: '{}'", type_name(v)))),
    }
}

// Each unary operator handles the builtin numbers inline; anything else
// goes to `user_unary_op`, which tries the user class's dunder and raises
// CPython's TypeError otherwise, so numbers pay no class lookup.

pub fn unary_neg<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S> {
    Ok(match v {
        Value::Int(i) => match i.checked_neg() {
            Some(n) => Value::Int(n),
            None => int_from_big(-BigInt::from(*i)),
        },
        Value::Bool(b) => Value::Int(-(*b as i64)),
        Value::Float(f) => Value::Float(-f),
        Value::Obj(o) if matches!(o.stored(), Payload::BigInt(_)) => {
            int_from_big(-(to_big(v).expect("int")))
        }
        _ => return user_unary_op(vm, v, "__neg__", "unary -"),
    })
}

pub fn unary_pos<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S> {
    Ok(match v {
        Value::Int(_) | Value::Float(_) => v.clone(),
        Value::Bool(b) => Value::Int(*b as i64),
        Value::Obj(o) if matches!(o.stored(), Payload::BigInt(_)) => v.clone(),
        _ => return user_unary_op(vm, v, "__pos__", "unary +"),
    })
}

pub fn unary_invert<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S> {
    Ok(match v {
        Value::Int(i) => Value::Int(!i),
        Value::Bool(b) => Value::Int(!(*b as i64)),
        Value::Obj(o) if matches!(o.stored(), Payload::BigInt(_)) => {
            int_from_big(-(to_big(v).expect("int")) - 1)
        }
        _ => return user_unary_op(vm, v, "__invert__", "unary ~"),
    })
}

/// `abs(v)`.
pub fn abs<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S> {
    Ok(match v {
        Value::Int(i) => match i.checked_abs() {
            Some(a) => Value::Int(a),
            None => int_from_big(BigInt::from(*i).abs()),
        },
        Value::Bool(b) => Value::Int(*b as i64),
        Value::Float(f) => Value::Float(f.abs()),
        Value::Obj(o) if matches!(o.stored(), Payload::BigInt(_)) => {
            int_from_big(to_big(v).expect("int").abs())
        }
        _ => return user_unary_op(vm, v, "__abs__", "abs()"),
    })
}

// ---- truth and comparison ----

pub fn truthy<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, bool> {
    if crate::classes::user_class_of(v).is_some() {
        if let Some(r) = crate::classes::call_dunder(vm, v, "__bool__", vec![])? {
            return match r {
                Value::Bool(b) => Ok(b),
                other => Err(vm.type_error(format!(
                    "__bool__ should return bool, returned {}",
                    type_name(&other)
                ))),
            };
        }
        if let Some(r) = crate::classes::call_dunder(vm, v, "__len__", vec![])? {
            return Ok(dunder_len(vm, &r)? != 0);
        }
        if let Some(n) = numeric_value(v) {
            return truthy(vm, &n);
        }
        if !crate::classes::has_native_base(v) {
            return Ok(true);
        }
    }
    Ok(match v {
        Value::None => false,
        Value::Bool(b) => *b,
        Value::Int(i) => *i != 0,
        Value::Float(f) => *f != 0.0,
        Value::Obj(o) => match o.payload() {
            Payload::Str(s) => !s.as_str().is_empty(),
            Payload::BigInt(_) => true,
            Payload::Bytes(b) => !b.is_empty(),
            Payload::List(cell) => cell.with::<S, _>(&o.header, |v| !v.is_empty()),
            Payload::Tuple(t) => !t.is_empty(),
            Payload::Dict(d) => d.map.with::<S, _>(&o.header, |m| !m.is_empty()),
            Payload::Set { items, .. } => items.with::<S, _>(&o.header, |m| !m.is_empty()),
            Payload::Range(r) => !r.is_empty(),
            Payload::BigRange(r) => !r.is_empty(),
            Payload::Native(n) => n.truthy(o),
            _ => true,
        },
    })
}

#[inline(always)]
pub fn cmp_ord(op: CmpOp, ord: Ordering) -> bool {
    match op {
        CmpOp::Lt => ord == Ordering::Less,
        CmpOp::Le => ord != Ordering::Greater,
        CmpOp::Eq => ord == Ordering::Equal,
        CmpOp::Ne => ord != Ordering::Equal,
        CmpOp::Gt => ord == Ordering::Greater,
        CmpOp::Ge => ord != Ordering::Less,
    }
}

/// Python `==`.
pub fn eq<S: LockStrategy>(vm: &mut Vm<S>, a: &Value<S>, b: &Value<S>) -> PyResult<S, bool> {
    if crate::classes::user_class_of(a).is_some() || crate::classes::user_class_of(b).is_some() {
        use crate::classes::has_native_base;
        match user_compare(vm, CmpOp::Eq, a, b)? {
            Some(r) => return truthy(vm, &r),
            // A subclass of a builtin type compares as its base.
            None if has_native_base(a) || has_native_base(b) => {
                if let Some((x, y)) = numeric_values(a, b) {
                    return eq_native(vm, &x, &y);
                }
            }
            None => return Ok(a.is(b)),
        }
    }
    eq_native(vm, a, b)
}

/// `a == b` as the builtin types do it, whatever a subclass's `__eq__`
/// (what `list.__eq__(x, y)` answers, when it does not return
/// NotImplemented).
#[inline]
pub fn eq_native<S: LockStrategy>(vm: &mut Vm<S>, a: &Value<S>, b: &Value<S>) -> PyResult<S, bool> {
    if let (Some(Payload::BoundMethod(s1, f1)), Some(Payload::BoundMethod(s2, f2))) =
        (a.payload(), b.payload())
    {
        // Bound methods are equal when they bind the same object and their
        // functions are equal.
        return Ok(s1.is(s2) && (f1.is(f2) || eq(vm, f1, f2)?));
    }
    if let (Some(Payload::WeakRef(_)), Some(Payload::WeakRef(_))) = (a.payload(), b.payload()) {
        let (Value::Obj(x), Value::Obj(y)) = (a, b) else {
            unreachable!("weak references are objects")
        };
        return crate::weakref::eq(vm, x, y);
    }
    if let (Some(Payload::List(p)), Some(Payload::List(q))) = (a.payload(), b.payload()) {
        return crate::types::list::eq(vm, a, p, b, q);
    }
    if let (Some(Payload::Tuple(x)), Some(Payload::Tuple(y))) = (a.payload(), b.payload()) {
        return seq_eq(vm, x, y);
    }
    if let (Some(Payload::Slice(x)), Some(Payload::Slice(y))) = (a.payload(), b.payload()) {
        return seq_eq(vm, &x[..], &y[..]);
    }
    if let (Some(Payload::Range(x)), Some(Payload::Range(y))) = (a.payload(), b.payload()) {
        return Ok(x.same_sequence(y));
    }
    if let (Some(x), Some(y)) = (crate::range::big_range(a), crate::range::big_range(b)) {
        return Ok(x.same_sequence(&y));
    }
    if crate::sets::is_set(a) && crate::sets::is_set(b) {
        return crate::sets::equal(vm, a, b);
    }
    if let (Some(Payload::Dict(p)), Some(Payload::Dict(q))) = (a.payload(), b.payload()) {
        // Both dicts at one instant, under both locks, unless a key or a
        // value needs `__eq__`; then item by item as CPython's `dict_equal`.
        let (x, y) = (a.obj().expect("dict"), b.obj().expect("dict"));
        let plain = crate::atomic::with_two(x, &p.map, y, &q.map, |m, n| {
            let Some(n) = n else {
                return Some(true);
            };
            if m.len() != n.len() {
                return Some(false);
            }
            for (k, v) in m.iter() {
                match crate::dict::find_without_code(n, k).ok()? {
                    None => return Some(false),
                    Some(i) => {
                        if !crate::atomic::plain_eq(vm, v, &n[i])? {
                            return Some(false);
                        }
                    }
                }
            }
            Some(true)
        });
        if let Some(equal) = plain {
            return Ok(equal);
        }
        let x = dict_items(a);
        if x.len() != dict_len(b) {
            return Ok(false);
        }
        return vm.recursive_call(COMPARE_CONTEXT, |vm| {
            for (k, v) in x {
                let k = key_of(vm, k)?;
                match dict_get_key(vm, b.obj().expect("dict"), k)? {
                    Some(w) if eq(vm, &v, &w)? => {}
                    _ => return Ok(false),
                }
            }
            Ok(true)
        });
    }
    if let (Some(x), Some(y)) = (to_f64_lossless(a), to_f64_lossless(b)) {
        return Ok(x == y);
    }
    if is_int_like(a) && is_int_like(b) {
        return Ok(to_big(a) == to_big(b));
    }
    // A big int against a float: exact, as CPython compares them.
    if let (Some(i), Value::Float(f)) = (to_big(a), b) {
        return Ok(float_eq_big(*f, &i));
    }
    if let (Value::Float(f), Some(i)) = (a, to_big(b)) {
        return Ok(float_eq_big(*f, &i));
    }
    if let Some(equal) = crate::types::eq_code(vm, a, b)? {
        return Ok(equal);
    }
    Ok(builtin_key_eq(a, b))
}

/// Sequence equality decided without running Python code; None when an
/// item pair needs `__eq__`. Safe to call under object locks.
pub(crate) fn plain_seq_eq<S: LockStrategy>(
    vm: &mut Vm<S>,
    x: &[Value<S>],
    y: &[Value<S>],
) -> Option<bool> {
    if x.len() != y.len() {
        return Some(false);
    }
    for (a, b) in x.iter().zip(y) {
        if !crate::atomic::plain_eq(vm, a, b)? {
            return Some(false);
        }
    }
    Some(true)
}

/// What a `RecursionError` raised while comparing nested containers says
/// (CPython's `PyObject_RichCompare`).
const COMPARE_CONTEXT: &str = " in comparison";

/// Element-wise equality: one level of recursion through nested
/// containers, counted against the recursion limit as CPython does.
pub(crate) fn seq_eq<S: LockStrategy>(
    vm: &mut Vm<S>,
    x: &[Value<S>],
    y: &[Value<S>],
) -> PyResult<S, bool> {
    if x.len() != y.len() {
        return Ok(false);
    }
    vm.recursive_call(COMPARE_CONTEXT, |vm| seq_eq_here(vm, x, y))
}

fn seq_eq_here<S: LockStrategy>(
    vm: &mut Vm<S>,
    x: &[Value<S>],
    y: &[Value<S>],
) -> PyResult<S, bool> {
    for (a, b) in x.iter().zip(y) {
        if !(a.is(b) || eq(vm, a, b)?) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Rich comparison of builtin types.
/// A rich comparison through user dunders, with the reflected fallback
/// (`a < b` tries `b > a`); None when neither side implements it.
fn user_compare<S: LockStrategy>(
    vm: &mut Vm<S>,
    op: CmpOp,
    a: &Value<S>,
    b: &Value<S>,
) -> PyResult<S, Option<Value<S>>> {
    use crate::classes::{call_dunder, is_not_implemented};
    let (name, reflected) = match op {
        CmpOp::Lt => ("__lt__", "__gt__"),
        CmpOp::Le => ("__le__", "__ge__"),
        CmpOp::Eq => ("__eq__", "__eq__"),
        CmpOp::Ne => ("__ne__", "__ne__"),
        CmpOp::Gt => ("__gt__", "__lt__"),
        CmpOp::Ge => ("__ge__", "__le__"),
    };
    if let Some(r) = call_dunder(vm, a, name, vec![b.clone()])? {
        if !is_not_implemented(vm, &r) {
            return Ok(Some(r));
        }
    }
    if let Some(r) = call_dunder(vm, b, reflected, vec![a.clone()])? {
        if !is_not_implemented(vm, &r) {
            return Ok(Some(r));
        }
    }
    if op == CmpOp::Ne {
        if let Some(r) = user_compare(vm, CmpOp::Eq, a, b)? {
            return Ok(Some(Value::Bool(!truthy(vm, &r)?)));
        }
    }
    Ok(None)
}

/// `a < b`, `a == b`...: the operator's value, which a user class's
/// rich comparison may make any object (CPython does not coerce it).
pub fn rich_compare<S: LockStrategy>(
    vm: &mut Vm<S>,
    op: CmpOp,
    a: &Value<S>,
    b: &Value<S>,
) -> PyResult<S> {
    if crate::classes::user_class_of(a).is_some() || crate::classes::user_class_of(b).is_some() {
        if let Some(r) = user_compare(vm, op, a, b)? {
            return Ok(r);
        }
        return compare_without_dunders(vm, op, a, b).map(Value::Bool);
    }
    compare_native(vm, op, a, b).map(Value::Bool)
}

/// A comparison involving a user instance whose classes define no dunder
/// for it (or return NotImplemented): a subclass of a builtin type compares
/// as its base; anything else by identity (`==`, `!=`) or not at all.
fn compare_without_dunders<S: LockStrategy>(
    vm: &mut Vm<S>,
    op: CmpOp,
    a: &Value<S>,
    b: &Value<S>,
) -> PyResult<S, bool> {
    let native = crate::classes::has_native_base(a) || crate::classes::has_native_base(b);
    if let Some((x, y)) = numeric_values(a, b) {
        return compare_native(vm, op, &x, &y);
    }
    match op {
        CmpOp::Eq if !native => Ok(a.is(b)),
        CmpOp::Ne if !native => Ok(!a.is(b)),
        _ => compare_native(vm, op, a, b),
    }
}

pub fn compare<S: LockStrategy>(
    vm: &mut Vm<S>,
    op: CmpOp,
    a: &Value<S>,
    b: &Value<S>,
) -> PyResult<S, bool> {
    if crate::classes::user_class_of(a).is_some() || crate::classes::user_class_of(b).is_some() {
        if let Some(r) = user_compare(vm, op, a, b)? {
            return truthy(vm, &r);
        }
        return compare_without_dunders(vm, op, a, b);
    }
    compare_native(vm, op, a, b)
}

/// A comparison as the builtin types make it.
#[inline]
pub(crate) fn compare_native<S: LockStrategy>(
    vm: &mut Vm<S>,
    op: CmpOp,
    a: &Value<S>,
    b: &Value<S>,
) -> PyResult<S, bool> {
    match op {
        CmpOp::Eq => return eq_native(vm, a, b),
        CmpOp::Ne => return Ok(!eq_native(vm, a, b)?),
        _ => {}
    }
    if crate::sets::is_set(a) && crate::sets::is_set(b) {
        let (ab, ba) = (
            crate::sets::subset(vm, a, b)?,
            crate::sets::subset(vm, b, a)?,
        );
        return Ok(match op {
            CmpOp::Le => ab,
            CmpOp::Ge => ba,
            CmpOp::Lt => ab && !ba,
            CmpOp::Gt => ba && !ab,
            CmpOp::Eq => ab && ba,
            CmpOp::Ne => !(ab && ba),
        });
    }
    match (a.payload(), b.payload()) {
        (Some(Payload::List(_)), Some(Payload::List(_))) => {
            let (x, y) = (list_snapshot(a), list_snapshot(b));
            return seq_compare(vm, op, &x, &y);
        }
        (Some(Payload::Tuple(x)), Some(Payload::Tuple(y))) => return seq_compare(vm, op, x, y),
        _ => {}
    }
    if let (Value::Float(x), Value::Float(y)) = (a, b) {
        // Every ordering comparison with NaN is false.
        return Ok(float_compare(op, *x, *y));
    }
    if let Some(ord) = int_float_order(a, b) {
        // An int against a float, exactly; NaN is unordered.
        return Ok(ord.is_some_and(|o| cmp_ord(op, o)));
    }
    if matches!(a, Value::Float(_)) || matches!(b, Value::Float(_)) {
        if let (Some(x), Some(y)) = (to_f64(vm, a)?, to_f64(vm, b)?) {
            return Ok(x.partial_cmp(&y).is_some_and(|o| cmp_ord(op, o)));
        }
    }
    match order(vm, a, b)? {
        Some(ord) => Ok(cmp_ord(op, ord)),
        None => Err(vm.type_error(format!(
            "'{}' not supported between instances of '{}' and '{}'",
            op.symbol(),
            type_name(a),
            type_name(b)
        ))),
    }
}

/// The ordering of two values, or None when the types do not order.
fn order<S: LockStrategy>(
    vm: &mut Vm<S>,
    a: &Value<S>,
    b: &Value<S>,
) -> PyResult<S, Option<Ordering>> {
    if is_int_like(a) && is_int_like(b) {
        if let (Some(x), Some(y)) = (small_int(a), small_int(b)) {
            return Ok(Some(x.cmp(&y)));
        }
        return Ok(Some(to_big(a).cmp(&to_big(b))));
    }
    if let Some(ord) = int_float_order(a, b) {
        // NaN is unordered; `compare` handles it before coming here, and
        // sorting treats it as equal.
        return Ok(Some(ord.unwrap_or(Ordering::Equal)));
    }
    if matches!(a, Value::Float(_)) && matches!(b, Value::Float(_)) {
        let x = to_f64(vm, a)?.expect("number");
        let y = to_f64(vm, b)?.expect("number");
        // NaN is unordered; `compare` handles it before coming here, and
        // sorting treats it as equal.
        return Ok(Some(x.partial_cmp(&y).unwrap_or(Ordering::Equal)));
    }
    match (a.payload(), b.payload()) {
        (Some(Payload::Str(x)), Some(Payload::Str(y))) => Ok(Some(x.as_str().cmp(y.as_str()))),
        (Some(Payload::Bytes(x)), Some(Payload::Bytes(y))) => Ok(Some(x.cmp(y))),
        (Some(Payload::List(_)), Some(Payload::List(_))) => {
            let (x, y) = (list_snapshot(a), list_snapshot(b));
            seq_order(vm, &x, &y)
        }
        (Some(Payload::Tuple(x)), Some(Payload::Tuple(y))) => seq_order(vm, x, y),
        _ => crate::types::order(vm, a, b),
    }
}

/// `x < y` (or another ordering) of two lists or tuples, as CPython's
/// `list_richcompare`: the first items that differ (by `==`) decide, compared
/// with the operator itself, so that a class defining only `__lt__` orders
/// tuples of its instances; otherwise the lengths do.
fn seq_compare<S: LockStrategy>(
    vm: &mut Vm<S>,
    op: CmpOp,
    x: &[Value<S>],
    y: &[Value<S>],
) -> PyResult<S, bool> {
    vm.recursive_call(COMPARE_CONTEXT, |vm| {
        for (a, b) in x.iter().zip(y) {
            if !(a.is(b) || eq(vm, a, b)?) {
                return compare(vm, op, a, b);
            }
        }
        Ok(cmp_ord(op, x.len().cmp(&y.len())))
    })
}

pub(crate) fn seq_order<S: LockStrategy>(
    vm: &mut Vm<S>,
    x: &[Value<S>],
    y: &[Value<S>],
) -> PyResult<S, Option<Ordering>> {
    vm.recursive_call(COMPARE_CONTEXT, |vm| seq_order_here(vm, x, y))
}

fn seq_order_here<S: LockStrategy>(
    vm: &mut Vm<S>,
    x: &[Value<S>],
    y: &[Value<S>],
) -> PyResult<S, Option<Ordering>> {
    for (a, b) in x.iter().zip(y) {
        if a.is(b) || eq(vm, a, b)? {
            continue;
        }
        return match order(vm, a, b)? {
            Some(o) => Ok(Some(o)),
            // Instances of classes with their own `__lt__` (a type
            // that does not order raises here).
            None if compare(vm, CmpOp::Lt, a, b)? => Ok(Some(Ordering::Less)),
            None if compare(vm, CmpOp::Lt, b, a)? => Ok(Some(Ordering::Greater)),
            None => Ok(Some(Ordering::Equal)),
        };
    }
    Ok(Some(x.len().cmp(&y.len())))
}

/// Ordering for `sort`, `min`, `max`: `a < b`.
pub fn less_than<S: LockStrategy>(vm: &mut Vm<S>, a: &Value<S>, b: &Value<S>) -> PyResult<S, bool> {
    compare(vm, CmpOp::Lt, a, b)
}

pub fn contains<S: LockStrategy>(
    vm: &mut Vm<S>,
    container: &Value<S>,
    item: &Value<S>,
) -> PyResult<S, bool> {
    if crate::metaclass::user_metaclass(container).is_some() {
        let args = vec![item.clone()];
        if let Some(r) = crate::metaclass::call_meta_dunder(vm, container, "__contains__", args)? {
            return truthy(vm, &r);
        }
    }
    if crate::classes::has_native_base(container) {
        let args = vec![item.clone()];
        if let Some(r) = crate::classes::call_dunder(vm, container, "__contains__", args)? {
            return truthy(vm, &r);
        }
    }
    contains_native(vm, container, item)
}

/// `item in container` as the builtin type does it, whatever a subclass's
/// `__contains__` (what `list.__contains__(x, item)` does).
#[inline]
pub fn contains_native<S: LockStrategy>(
    vm: &mut Vm<S>,
    container: &Value<S>,
    item: &Value<S>,
) -> PyResult<S, bool> {
    match container.payload() {
        Some(Payload::Str(s)) => match item.payload() {
            Some(Payload::Str(sub)) => Ok(s.as_str().contains(sub.as_str())),
            _ => Err(vm.type_error(format!(
                "'in <string>' requires string as left operand, not {}",
                type_name(item)
            ))),
        },
        Some(Payload::Dict(_)) => {
            let key = key_of(vm, item.clone())?;
            let o = container.obj().expect("dict");
            Ok(dict_get_key(vm, o, key)?.is_some())
        }
        Some(Payload::Set { .. }) => crate::sets::contains(vm, container, item),
        Some(Payload::Bytes(b)) => crate::types::bytes::contains(vm, b, item),
        Some(Payload::Native(n)) => {
            let o = container.obj().expect("a native object is an object");
            match n.contains(vm, o, item)? {
                Some(found) => Ok(found),
                None => contains_by_iteration(vm, container, item),
            }
        }
        Some(Payload::List(cell)) => {
            let o = container.obj().expect("list");
            Ok(crate::types::list::find(vm, o, cell, item, 0, |_, _| ())?.is_some())
        }
        Some(Payload::DictView(DictViewKind::Keys, d)) => {
            let key = key_of(vm, item.clone())?;
            Ok(dict_get_key(vm, d, key)?.is_some())
        }
        Some(Payload::Range(r)) if small_int(item).is_some() || !is_int_like(item) => {
            let Some(i) = small_int(item) else {
                return Ok(false);
            };
            // In i128: a difference of two i64s, or -i64::MIN, may not fit.
            let (i, start, stop, step) =
                (i as i128, r.start as i128, r.stop as i128, r.step as i128);
            if step > 0 {
                Ok(i >= start && i < stop && (i - start) % step == 0)
            } else {
                Ok(i <= start && i > stop && (start - i) % (-step) == 0)
            }
        }
        Some(Payload::Range(_) | Payload::BigRange(_)) => match to_big(item) {
            Some(i) => Ok(crate::range::big_range(container)
                .expect("a range")
                .contains(&i)),
            None => Ok(false),
        },
        _ => {
            if let Some(r) =
                crate::classes::call_dunder(vm, container, "__contains__", vec![item.clone()])?
            {
                return truthy(vm, &r);
            }
            contains_by_iteration(vm, container, item)
        }
    }
}

/// `item in container` by iterating, stopping at the first equal item
/// (CPython's `_PySequence_IterSearch`).
fn contains_by_iteration<S: LockStrategy>(
    vm: &mut Vm<S>,
    container: &Value<S>,
    item: &Value<S>,
) -> PyResult<S, bool> {
    let it = get_iter(vm, container).map_err(|_| {
        vm.type_error(format!(
            "argument of type '{}' is not iterable",
            type_name(container)
        ))
    })?;
    while let Some(x) = iter_next(vm, &it)? {
        if x.is(item) || eq(vm, &x, item)? {
            return Ok(true);
        }
    }
    Ok(false)
}

// ---- containers ----

/// Drops a list's items last first, the order in which CPython releases
/// them (observable through `__del__`).
pub fn drop_reversed<T>(mut items: Vec<T>) {
    while let Some(item) = items.pop() {
        drop(item);
    }
}

/// A copy of a list's items, taken under its lock.
pub fn list_snapshot<S: LockStrategy>(v: &Value<S>) -> Vec<Value<S>> {
    match v {
        Value::Obj(o) => match o.payload() {
            Payload::List(cell) => cell.with::<S, _>(&o.header, |items| items.clone()),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

pub fn dict_len<S: LockStrategy>(v: &Value<S>) -> usize {
    match v {
        Value::Obj(o) => match o.payload() {
            Payload::Dict(d) => d.map.with::<S, _>(&o.header, |m| m.len()),
            _ => 0,
        },
        _ => 0,
    }
}

/// A snapshot of a dict's items, in order.
/// A mapping's `(key, value)` pairs, in order.
pub type Items<S> = Vec<(Value<S>, Value<S>)>;

/// The items of a mapping, as `dict.update` and `{**m}` read them: a dict's
/// own, or `m[k]` for each `k` in `m.keys()` when the value has a `keys`
/// method; `None` for a value that is not a mapping.
pub fn mapping_items<S: LockStrategy>(
    vm: &mut Vm<S>,
    mapping: &Value<S>,
) -> PyResult<S, Option<Items<S>>> {
    if matches!(mapping.payload(), Some(Payload::Dict(_))) {
        return Ok(Some(dict_items(mapping)));
    }
    let keys = ObjRef::new(Payload::Str(PyStr::new("keys")));
    let keys = match get_attr(vm, mapping, &keys) {
        Ok(keys) => keys,
        Err(e) if crate::exceptions::is_attribute_error(vm, &e) => return Ok(None),
        Err(e) => return Err(e),
    };
    let keys = vm.call(&keys, Vec::new())?;
    let mut items = Vec::new();
    for key in iterate(vm, &keys)? {
        let value = get_item(vm, mapping, &key)?;
        items.push((key, value));
    }
    Ok(Some(items))
}

/// `dict.update(src)` and `dict |= src`: a mapping's items, or else an
/// iterable of key/value pairs, added to `dict` in order.
pub fn dict_update_from<S: LockStrategy>(
    vm: &mut Vm<S>,
    dict: &ObjRef<S>,
    src: &Value<S>,
) -> PyResult<S, ()> {
    if let Some(o) = src.obj() {
        if let Some(rest) = dict_update_plain(dict, o) {
            for (k, v) in rest {
                dict_set(vm, dict, k, v)?;
            }
            return Ok(());
        }
    }
    let pairs = match mapping_items(vm, src)? {
        Some(items) => items,
        None => {
            let mut pairs = Vec::new();
            for (i, item) in iterate(vm, src)?.into_iter().enumerate() {
                let pair = iterate(vm, &item).map_err(|_| {
                    vm.type_error(format!(
                        "cannot convert dictionary update sequence element #{i} to a sequence"
                    ))
                })?;
                if pair.len() != 2 {
                    return Err(vm.value_error(format!(
                        "dictionary update sequence element #{i} has length {}; 2 is required",
                        pair.len()
                    )));
                }
                let mut pair = pair.into_iter();
                pairs.push((pair.next().expect("2"), pair.next().expect("2")));
            }
            pairs
        }
    };
    for (k, v) in pairs {
        dict_set(vm, dict, k, v)?;
    }
    Ok(())
}

/// `dict.update(other)` from a dict: as many items as can be stored without
/// running Python code are stored in one critical section of both dicts;
/// the rest (from the first key that needs `__eq__` on) are returned, to be
/// stored one by one.
fn dict_update_plain<S: LockStrategy>(dict: &ObjRef<S>, other: &ObjRef<S>) -> Option<Items<S>> {
    let (Payload::Dict(d), Payload::Dict(src)) = (dict.payload(), other.payload()) else {
        return None;
    };
    let (replaced, rest) = crate::atomic::with_two(dict, &d.map, other, &src.map, |m, n| {
        // `d.update(d)` changes nothing (CPython's `dict_merge`).
        let Some(n) = n else {
            return (Vec::new(), Vec::new());
        };
        let mut replaced = Vec::new();
        let mut rest = Vec::new();
        let mut changed = false;
        for (at, (k, v)) in n.iter().enumerate() {
            match crate::dict::find_without_code(m, k) {
                Ok(Some(i)) => replaced.push(std::mem::replace(&mut m[i], v.clone())),
                Ok(None) => {
                    let k = crate::dict::DictKey {
                        hash: k.hash,
                        key: k.key.clone(),
                    };
                    m.insert_new(k, v.clone());
                }
                Err(_) => {
                    rest = n
                        .iter()
                        .skip(at)
                        .map(|(k, v)| (k.key.clone(), v.clone()))
                        .collect();
                    break;
                }
            }
            changed = true;
        }
        if changed {
            d.bump_version();
        }
        (replaced, rest)
    });
    drop(replaced);
    Some(rest)
}

/// `{**mapping}` in a dict display: adds the mapping's items to `dict`.
pub fn dict_update_from_mapping<S: LockStrategy>(
    vm: &mut Vm<S>,
    dict: &ObjRef<S>,
    mapping: &Value<S>,
) -> PyResult<S, ()> {
    let Some(items) = mapping_items(vm, mapping)? else {
        return Err(vm.type_error(format!("'{}' object is not a mapping", type_name(mapping))));
    };
    for (k, v) in items {
        dict_set(vm, dict, k, v)?;
    }
    Ok(())
}

pub fn dict_items<S: LockStrategy>(v: &Value<S>) -> Vec<(Value<S>, Value<S>)> {
    match v {
        Value::Obj(o) => match o.payload() {
            Payload::Dict(d) => d.map.with::<S, _>(&o.header, |m| {
                m.iter().map(|(k, v)| (k.key.clone(), v.clone())).collect()
            }),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// Looks a key up without running Python code (for namespaces, whose keys
/// are str): None when absent or when the key's hash needs Python code.
pub fn dict_get<S: LockStrategy>(dict: &ObjRef<S>, key: &Value<S>) -> Option<Value<S>> {
    let hash = crate::dict::hash_value(key).ok()?;
    let probe = crate::dict::DictKey {
        hash,
        key: key.clone(),
    };
    match dict.payload() {
        Payload::Dict(d) => d.map.with::<S, _>(&dict.header, |m| m.get(&probe).cloned()),
        _ => None,
    }
}

/// Looks a key up with Python's equality (user `__eq__` included).
pub fn dict_get_key<S: LockStrategy>(
    vm: &mut Vm<S>,
    dict: &ObjRef<S>,
    key: crate::dict::DictKey<S>,
) -> PyResult<S, Option<Value<S>>> {
    match dict.payload() {
        Payload::Dict(d) => crate::dict::get(vm, &d.map, &dict.header, key),
        _ => Ok(None),
    }
}

pub fn dict_set<S: LockStrategy>(
    vm: &mut Vm<S>,
    dict: &ObjRef<S>,
    key: Value<S>,
    value: Value<S>,
) -> PyResult<S, ()> {
    let key = key_of(vm, key)?;
    if let Payload::Dict(d) = dict.payload() {
        let mut access = crate::dict::Locked {
            cell: &d.map,
            header: &dict.header,
        };
        // The value stays in this frame and the action takes it from
        // there. Moved into the action (which `find` moves again), it was
        // copied through the stack in pieces and read back whole (a likely
        // store-forwarding stall): global stores under finegrained took
        // 1.25x the time in one build.
        let mut value = Some(value);
        let value = &mut value;
        // The replaced value is dropped after the lock is released.
        let old = crate::dict::find(vm, &mut access, key, |m, found, key| {
            let value = value.take()?;
            let old = match found {
                Some(i) => Some(std::mem::replace(&mut m[i], value)),
                None => {
                    m.insert_new(key, value);
                    None
                }
            };
            d.bump_version();
            old
        })?;
        drop(old);
    }
    Ok(())
}

/// Removes a key; returns its value, or None when absent.
pub fn dict_del<S: LockStrategy>(
    vm: &mut Vm<S>,
    dict: &ObjRef<S>,
    key: &Value<S>,
) -> PyResult<S, Option<Value<S>>> {
    let key = key_of(vm, key.clone())?;
    Ok(match dict.payload() {
        Payload::Dict(d) => {
            let mut access = crate::dict::Locked {
                cell: &d.map,
                header: &dict.header,
            };
            let removed = crate::dict::find(vm, &mut access, key, |m, found, _| {
                let old = found.and_then(|i| m.shift_remove_index(i));
                if old.is_some() {
                    d.bump_version();
                }
                old
            })?;
            removed.map(|(_, v)| v)
        }
        _ => None,
    })
}

/// Normalises an index for a sequence of `len`, or None when out of range.
pub(crate) fn seq_index(i: i64, len: usize) -> Option<usize> {
    let len = len as i64;
    let i = if i < 0 { i + len } else { i };
    (0..len).contains(&i).then_some(i as usize)
}

/// An index value as i64, or CPython's TypeError.
pub(crate) fn index_of<S: LockStrategy>(
    vm: &Vm<S>,
    what: &str,
    index: &Value<S>,
) -> PyResult<S, i64> {
    match index {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::Obj(o) if matches!(o.payload(), Payload::BigInt(_)) => {
            Err(vm.new_error("IndexError", "cannot fit 'int' into an index-sized integer"))
        }
        _ => Err(vm.type_error(format!(
            "{what} indices must be integers or slices, not {}",
            type_name(index)
        ))),
    }
}

/// Slice bounds resolved against a length (CPython's PySlice_AdjustIndices):
/// (start, stop, step, count).
pub fn slice_indices<S: LockStrategy>(
    vm: &Vm<S>,
    parts: &[Value<S>; 3],
    len: usize,
) -> PyResult<S, (i64, i64, i64, usize)> {
    Ok(slice_adjust(slice_unpack(vm, parts)?, len))
}

/// A slice's start, stop and step as given (CPython's `PySlice_Unpack`).
pub type RawSlice = (Option<i64>, Option<i64>, i64);

/// Reads a slice's parts, checking their types and the step; the indices
/// are fitted to a length by [`slice_adjust`] (which a list's methods call
/// under its lock, where the length is final).
pub fn slice_unpack<S: LockStrategy>(vm: &Vm<S>, parts: &[Value<S>; 3]) -> PyResult<S, RawSlice> {
    let get = |v: &Value<S>| -> PyResult<S, Option<i64>> {
        match v {
            Value::None => Ok(None),
            Value::Int(i) => Ok(Some(*i)),
            Value::Bool(b) => Ok(Some(*b as i64)),
            Value::Obj(o) if matches!(o.payload(), Payload::BigInt(_)) => {
                let b = to_big(v).expect("int");
                Ok(Some(if b.is_negative() {
                    i64::MIN / 2
                } else {
                    i64::MAX / 2
                }))
            }
            _ => Err(
                vm.type_error("slice indices must be integers or None or have an __index__ method")
            ),
        }
    };
    let step = get(&parts[2])?.unwrap_or(1);
    if step == 0 {
        return Err(vm.value_error("slice step cannot be zero"));
    }
    // As CPython's PySlice_Unpack, so that `-step` fits.
    let step = step.max(-i64::MAX);
    Ok((get(&parts[0])?, get(&parts[1])?, step))
}

/// Fits an unpacked slice to a length (CPython's `PySlice_AdjustIndices`):
/// start, stop, step and the number of items.
pub fn slice_adjust((start, stop, step): RawSlice, len: usize) -> (i64, i64, i64, usize) {
    let len = len as i64;
    let adjust = |v: Option<i64>, default: i64, lo: i64, hi: i64| -> i64 {
        match v {
            None => default,
            Some(mut x) => {
                if x < 0 {
                    x += len;
                    if x < lo {
                        x = lo;
                    }
                } else if x > hi {
                    x = hi;
                }
                x
            }
        }
    };
    let (start, stop) = if step > 0 {
        (adjust(start, 0, 0, len), adjust(stop, len, 0, len))
    } else {
        (
            adjust(start, len - 1, -1, len - 1),
            adjust(stop, -1, -1, len - 1),
        )
    };
    let count = if step > 0 {
        if stop > start {
            (stop - start - 1) / step + 1
        } else {
            0
        }
    } else if start > stop {
        (start - stop - 1) / (-step) + 1
    } else {
        0
    };
    (start, stop, step, count as usize)
}

pub(crate) fn slice_pick<T: Clone>(items: &[T], start: i64, step: i64, count: usize) -> Vec<T> {
    (0..count)
        .map(|k| items[(start + k as i64 * step) as usize].clone())
        .collect()
}

/// The `count` characters of `s` at `start`, `start + step`, ... (indices
/// fitted by [`slice_indices`]), without a `Vec<char>` of the whole string:
/// a slice costs what its result costs, and a result larger than memory
/// is MemoryError.
fn str_slice<S: LockStrategy>(
    vm: &Vm<S>,
    s: &PyStr,
    start: i64,
    step: i64,
    count: usize,
) -> PyResult<S, String> {
    let text = s.as_str();
    let mut out = String::new();
    if count == 0 {
        return Ok(out);
    }
    if s.is_ascii() {
        let bytes = text.as_bytes();
        if step == 1 {
            let from = start as usize;
            crate::alloc::reserve_str(vm, &mut out, count)?;
            out.push_str(&text[from..from + count]);
        } else {
            crate::alloc::reserve_str(vm, &mut out, count)?;
            out.extend((0..count).map(|k| bytes[(start + k as i64 * step) as usize] as char));
        }
        return Ok(out);
    }
    let n = s.char_len() as i64;
    if step > 0 {
        out.extend(
            text.chars()
                .skip(start as usize)
                .step_by(step as usize)
                .take(count),
        );
    } else {
        out.extend(
            text.chars()
                .rev()
                .skip((n - 1 - start) as usize)
                .step_by(step.unsigned_abs() as usize)
                .take(count),
        );
    }
    Ok(out)
}

pub fn get_item<S: LockStrategy>(vm: &mut Vm<S>, obj: &Value<S>, index: &Value<S>) -> PyResult<S> {
    if crate::classes::user_class_of(obj).is_some() {
        let args = vec![index.clone()];
        if let Some(r) = crate::classes::call_dunder(vm, obj, "__getitem__", args)? {
            return Ok(r);
        }
    }
    get_item_native(vm, obj, index)
}

/// `Class[index]`: the metaclass's `__getitem__`, else the class's
/// `__class_getitem__` (an implicit class method, as in CPython).
fn class_subscript<S: LockStrategy>(
    vm: &mut Vm<S>,
    class: &Value<S>,
    index: &Value<S>,
) -> PyResult<S> {
    let args = vec![index.clone()];
    if let Some(r) = crate::metaclass::call_meta_dunder(vm, class, "__getitem__", args)? {
        return Ok(r);
    }
    let key = vm.new_str("__class_getitem__");
    if let Some(f) = class
        .obj()
        .and_then(|c| crate::classes::class_lookup(c, &key))
    {
        let f = match f.payload() {
            Some(Payload::ClassMethod(inner)) => inner.clone(),
            _ => f,
        };
        return vm.call(&f, vec![class.clone(), index.clone()]);
    }
    Err(vm.type_error(format!(
        "type '{}' is not subscriptable",
        match class.payload() {
            Some(Payload::Type(t)) => t.name.as_str(),
            _ => "type",
        }
    )))
}

/// `obj[index]` as the builtin type does it, whatever a subclass's
/// `__getitem__` (what `list.__getitem__(x, i)` does).
#[inline]
pub fn get_item_native<S: LockStrategy>(
    vm: &mut Vm<S>,
    obj: &Value<S>,
    index: &Value<S>,
) -> PyResult<S> {
    let Value::Obj(o) = obj else {
        return Err(not_subscriptable(vm, obj));
    };
    // Sequences take `__index__` of their subscripts; a dict's key is the
    // key itself.
    if may_need_index(index) && !matches!(o.payload(), Payload::Dict(_)) {
        if let Some(converted) = subscript_index(vm, index)? {
            return get_item_native(vm, obj, &converted);
        }
    }
    let slice = match index.payload() {
        Some(Payload::Slice(parts)) => Some(parts),
        _ => None,
    };
    match o.payload() {
        Payload::List(cell) => {
            crate::types::list::get_item(vm, o, cell, index, slice.map(|b| &**b))
        }
        Payload::Tuple(items) => {
            if let Some(parts) = slice {
                let (start, _, step, count) = slice_indices(vm, parts, items.len())?;
                return Ok(new_tuple(slice_pick(items, start, step, count)));
            }
            let i = index_of(vm, "tuple", index)?;
            seq_index(i, items.len())
                .map(|i| items[i].clone())
                .ok_or_else(|| vm.new_error("IndexError", "tuple index out of range"))
        }
        Payload::Str(s) => {
            if let Some(parts) = slice {
                let (start, _, step, count) = slice_indices(vm, parts, s.char_len())?;
                return str_slice(vm, s, start, step, count).map(new_str);
            }
            let i = index_of(vm, "string", index)?;
            let ch = if s.is_ascii() {
                seq_index(i, s.as_str().len()).map(|i| s.as_str()[i..i + 1].to_string())
            } else {
                let n = s.char_len();
                seq_index(i, n)
                    .and_then(|i| s.as_str().chars().nth(i))
                    .map(String::from)
            };
            ch.map(new_str)
                .ok_or_else(|| vm.new_error("IndexError", "string index out of range"))
        }
        Payload::Bytes(b) => {
            if let Some(parts) = slice {
                let (start, _, step, count) = slice_indices(vm, parts, b.len())?;
                return Ok(Value::Obj(ObjRef::new(Payload::Bytes(
                    slice_pick(b, start, step, count).into_boxed_slice(),
                ))));
            }
            let i = index_of(vm, "byte", index)?;
            seq_index(i, b.len())
                .map(|i| Value::Int(b[i] as i64))
                .ok_or_else(|| vm.new_error("IndexError", "index out of range"))
        }
        Payload::Range(r) if slice.is_none() && small_int(index).is_some() => {
            let r = *r;
            let i = index_of(vm, "range", index)?;
            seq_index(i, r.len() as usize)
                // The number fits (it lies between start and stop); the
                // product on the way may not.
                .map(|i| Value::Int((r.start as i128 + i as i128 * r.step as i128) as i64))
                .ok_or_else(|| vm.new_error("IndexError", "range object index out of range"))
        }
        Payload::Range(_) | Payload::BigRange(_) => {
            let r = crate::range::big_range(obj).expect("a range");
            match crate::range::subscript(vm, &r, index)? {
                Some(v) => Ok(v),
                None => Err(vm.type_error(format!(
                    "range indices must be integers or slices, not {}",
                    type_name(index)
                ))),
            }
        }
        Payload::Dict(_) => {
            let key = key_of(vm, index.clone())?;
            match dict_get_key(vm, o, key)? {
                Some(v) => Ok(v),
                // A dict subclass may supply missing keys (`__missing__`).
                None if crate::classes::has_native_base(obj) => {
                    match crate::classes::call_dunder(vm, obj, "__missing__", vec![index.clone()])?
                    {
                        Some(v) => Ok(v),
                        None => Err(crate::vm::PyErr {
                            exc: crate::interp::new_exception_obj(
                                vm.interp.exceptions["KeyError"].clone(),
                                Box::new([index.clone()]),
                            ),
                        }),
                    }
                }
                None => Err(crate::vm::PyErr {
                    exc: crate::interp::new_exception_obj(
                        vm.interp.exceptions["KeyError"].clone(),
                        Box::new([index.clone()]),
                    ),
                }),
            }
        }
        Payload::Type(t) if t.dict.is_some() => class_subscript(vm, obj, index),
        Payload::Type(t) if crate::types::generic_alias::subscriptable(t.kind) => {
            // `list[int]`.
            Ok(crate::types::generic_alias::new_alias(obj.clone(), index))
        }
        Payload::Type(t) => Err(vm.type_error(format!("type '{}' is not subscriptable", t.name))),
        Payload::Native(n) => match n.get_item(vm, o, index)? {
            Some(v) => Ok(v),
            None => Err(not_subscriptable(vm, obj)),
        },
        _ => Err(not_subscriptable(vm, obj)),
    }
}

fn not_subscriptable<S: LockStrategy>(vm: &Vm<S>, obj: &Value<S>) -> crate::vm::PyErr<S> {
    vm.type_error(format!("'{}' object is not subscriptable", type_name(obj)))
}

pub fn set_item<S: LockStrategy>(
    vm: &mut Vm<S>,
    obj: &Value<S>,
    index: Value<S>,
    value: Value<S>,
) -> PyResult<S, ()> {
    let Value::Obj(o) = obj else {
        return Err(vm.type_error(format!(
            "'{}' object does not support item assignment",
            type_name(obj)
        )));
    };
    if crate::classes::user_class_of(obj).is_some() {
        let args = vec![index.clone(), value.clone()];
        if crate::classes::call_dunder(vm, obj, "__setitem__", args)?.is_some() {
            return Ok(());
        }
        if !crate::classes::has_native_base(obj) {
            return Err(vm.type_error(format!(
                "'{}' object does not support item assignment",
                type_name(obj)
            )));
        }
    }
    set_item_native(vm, o, index, value)
}

/// `obj[index] = value` as the builtin type does it, whatever a subclass's
/// `__setitem__` (what `dict.__setitem__(d, k, v)` does).
#[inline]
pub fn set_item_native<S: LockStrategy>(
    vm: &mut Vm<S>,
    o: &ObjRef<S>,
    index: Value<S>,
    value: Value<S>,
) -> PyResult<S, ()> {
    if may_need_index(&index) && !matches!(o.payload(), Payload::Dict(_)) {
        if let Some(converted) = subscript_index(vm, &index)? {
            return set_item_native(vm, o, converted, value);
        }
    }
    match o.payload() {
        Payload::List(cell) => crate::types::list::set_item(vm, o, cell, &index, value),
        Payload::Dict(_) => dict_set(vm, o, index, value),
        Payload::Native(n) if n.set_item(vm, o, &index, Some(value))? => Ok(()),
        _ => Err(vm.type_error(format!(
            "'{}' object does not support item assignment",
            type_name(&Value::Obj(o.clone()))
        ))),
    }
}

pub fn del_item<S: LockStrategy>(
    vm: &mut Vm<S>,
    obj: &Value<S>,
    index: &Value<S>,
) -> PyResult<S, ()> {
    if crate::classes::user_class_of(obj).is_some() {
        if crate::classes::call_dunder(vm, obj, "__delitem__", vec![index.clone()])?.is_some() {
            return Ok(());
        }
        if !crate::classes::has_native_base(obj) {
            return Err(vm.type_error(format!(
                "'{}' object doesn't support item deletion",
                type_name(obj)
            )));
        }
    }
    del_item_native(vm, obj, index)
}

/// `del obj[index]` as the builtin type does it, whatever a subclass's
/// `__delitem__` (what `list.__delitem__(x, i)` does).
pub fn del_item_native<S: LockStrategy>(
    vm: &mut Vm<S>,
    obj: &Value<S>,
    index: &Value<S>,
) -> PyResult<S, ()> {
    let Value::Obj(o) = obj else {
        return Err(vm.type_error(format!(
            "'{}' object doesn't support item deletion",
            type_name(obj)
        )));
    };
    if may_need_index(index) && !matches!(o.payload(), Payload::Dict(_)) {
        if let Some(converted) = subscript_index(vm, index)? {
            return del_item_native(vm, obj, &converted);
        }
    }
    match o.payload() {
        Payload::List(cell) => crate::types::list::del_item(vm, o, cell, index),
        Payload::Dict(_) => match dict_del(vm, o, index)? {
            Some(_) => Ok(()),
            None => Err(crate::vm::PyErr {
                exc: crate::interp::new_exception_obj(
                    vm.interp.exceptions["KeyError"].clone(),
                    Box::new([index.clone()]),
                ),
            }),
        },
        Payload::Native(n) if n.set_item(vm, o, index, None)? => Ok(()),
        _ => Err(vm.type_error(format!(
            "'{}' object doesn't support item deletion",
            type_name(obj)
        ))),
    }
}

/// Checks what `__len__` returned.
fn dunder_len<S: LockStrategy>(vm: &Vm<S>, r: &Value<S>) -> PyResult<S, usize> {
    match r {
        Value::Int(n) if *n >= 0 => Ok(*n as usize),
        Value::Int(_) => Err(vm.value_error("__len__() should return >= 0")),
        Value::Bool(b) => Ok(*b as usize),
        other => Err(vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(other)
        ))),
    }
}

pub fn len<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, usize> {
    if let Some(r) = crate::classes::call_dunder(vm, v, "__len__", vec![])? {
        return dunder_len(vm, &r);
    }
    if let Some(r) = crate::metaclass::call_meta_dunder(vm, v, "__len__", vec![])? {
        return dunder_len(vm, &r);
    }
    len_native(vm, v)
}

/// The length of a builtin container, whatever a subclass's `__len__`
/// says (what `list.__len__(x)` returns).
#[inline]
pub fn len_native<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, usize> {
    let Value::Obj(o) = v else {
        return Err(vm.type_error(format!("object of type '{}' has no len()", type_name(v))));
    };
    Ok(match o.payload() {
        Payload::Str(s) => s.char_len(),
        Payload::Bytes(b) => b.len(),
        Payload::List(cell) => cell.with::<S, _>(&o.header, |v| v.len()),
        Payload::Tuple(t) => t.len(),
        Payload::Dict(_) => dict_len(v),
        Payload::Set { items, .. } => items.with::<S, _>(&o.header, |m| m.len()),
        Payload::DictView(_, d) => dict_len(&Value::Obj(d.clone())),
        Payload::Range(r) => r.len() as usize,
        Payload::BigRange(r) => crate::range::len(vm, r)?,
        Payload::Native(n) if n.len(o).is_some() => n.len(o).unwrap_or_default(),
        _ => return Err(vm.type_error(format!("object of type '{}' has no len()", type_name(v)))),
    })
}

// ---- iteration ----

pub fn get_iter<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S> {
    if crate::metaclass::user_metaclass(v).is_some() {
        if let Some(it) = crate::metaclass::call_meta_dunder(vm, v, "__iter__", vec![])? {
            return Ok(it);
        }
    }
    if crate::classes::user_class_of(v).is_some() {
        if let Some(it) = crate::classes::call_dunder(vm, v, "__iter__", vec![])? {
            let is_iterator = crate::classes::user_class_of(&it).is_some_and(|c| {
                crate::classes::class_lookup(&c, &vm.new_str("__next__")).is_some()
            }) || match it.payload() {
                Some(Payload::Iter(_)) => true,
                Some(Payload::Generator(g)) => g.is_iterator(),
                Some(Payload::Native(n)) => n.is_iterator(),
                _ => false,
            };
            if !is_iterator {
                return Err(vm.type_error(format!(
                    "iter() returned non-iterator of type '{}'",
                    type_name(&it)
                )));
            }
            return Ok(it);
        }
        // The old sequence protocol: __getitem__ from 0 until IndexError.
        // (A subclass of a builtin type iterates as its base does.)
        let class = crate::classes::user_class_of(v).expect("checked");
        let getitem = crate::classes::class_lookup(&class, &vm.new_str("__getitem__"));
        if getitem.is_some() && !crate::classes::has_native_base(v) {
            return Ok(Value::Obj(ObjRef::new(Payload::Iter(ObjCell::new(
                IterState::GetItem {
                    obj: v.clone(),
                    index: 0,
                },
            )))));
        }
    }
    get_iter_native(vm, v)
}

/// `iter(v)` as the builtin type does it, whatever a subclass's `__iter__`
/// (what `list.__iter__(x)` does).
#[inline]
pub fn get_iter_native<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S> {
    let Value::Obj(o) = v else {
        return Err(vm.type_error(format!("'{}' object is not iterable", type_name(v))));
    };
    let state = match o.payload() {
        Payload::List(_) | Payload::Tuple(_) | Payload::Bytes(_) => IterState::Seq {
            seq: o.clone(),
            index: 0,
            of: SeqIterOf::Itself,
        },
        Payload::Range(r) => IterState::Range {
            next: r.start,
            stop: r.stop,
            step: r.step,
        },
        Payload::BigRange(r) => IterState::BigRange(Box::new(crate::range::BigRange {
            start: r.start.clone(),
            stop: r.stop.clone(),
            step: r.step.clone(),
        })),
        Payload::Str(_) => IterState::Str {
            s: o.clone(),
            byte_pos: 0,
        },
        Payload::Dict(_) => IterState::Dict {
            dict: o.clone(),
            kind: DictViewKind::Keys,
            index: 0,
            len: dict_len(v),
        },
        Payload::DictView(kind, d) => IterState::Dict {
            dict: d.clone(),
            kind: *kind,
            index: 0,
            len: dict_len(&Value::Obj(d.clone())),
        },
        Payload::Iter(_) => return Ok(v.clone()),
        Payload::Generator(g) if g.is_iterator() => return Ok(v.clone()),
        Payload::Native(n) if n.is_iterator() => return Ok(v.clone()),
        Payload::Native(n) => match n.iter(vm, o) {
            Some(it) => return it,
            None if n.item_at(o, 0).is_some() => IterState::Seq {
                seq: o.clone(),
                index: 0,
                of: SeqIterOf::Itself,
            },
            None => return Err(vm.type_error(format!("'{}' object is not iterable", type_name(v)))),
        },
        Payload::Set { .. } => IterState::Seq {
            seq: match new_tuple(crate::sets::elements(v)) {
                Value::Obj(t) => t,
                _ => unreachable!("tuples are objects"),
            },
            index: 0,
            of: SeqIterOf::Set,
        },
        _ => return Err(vm.type_error(format!("'{}' object is not iterable", type_name(v)))),
    };
    Ok(Value::Obj(ObjRef::new(Payload::Iter(ObjCell::new(state)))))
}

/// `zip(strict=True)`'s error: iterator `i` (0-based) is `shorter` or
/// `longer` than the ones before it (CPython's wording).
fn zip_unequal<S: LockStrategy>(vm: &Vm<S>, i: usize, how: &str) -> crate::vm::PyErr<S> {
    let others = if i == 1 {
        "argument 1".to_string()
    } else {
        format!("arguments 1-{i}")
    };
    vm.value_error(format!("zip() argument {} is {how} than {others}", i + 1))
}

/// The next item of an iterator, or None when exhausted.
pub fn iter_next<S: LockStrategy>(vm: &mut Vm<S>, it: &Value<S>) -> PyResult<S, Option<Value<S>>> {
    if crate::classes::user_class_of(it).is_some() {
        return match crate::classes::call_dunder(vm, it, "__next__", vec![]) {
            Ok(Some(v)) => Ok(Some(v)),
            // A subclass of a native iterator type (`class M(map)`) that
            // does not override `__next__`: the base's step.
            Ok(None) => match (it.obj(), it.payload()) {
                (Some(o), Some(Payload::Native(n))) if n.is_iterator() => n.next(vm, o),
                _ => Err(vm.type_error(format!("'{}' object is not an iterator", type_name(it)))),
            },
            Err(e) if type_name(&Value::Obj(e.exc.clone())) == "StopIteration" => Ok(None),
            Err(e) => Err(e),
        };
    }
    let Some(o) = it.obj() else {
        return Err(vm.type_error(format!("'{}' object is not an iterator", type_name(it))));
    };
    if let Payload::Generator(g) = o.payload() {
        if !g.is_iterator() {
            return Err(vm.type_error(format!("'{}' object is not an iterator", type_name(it))));
        }
        return Ok(match vm.gen_resume(o, Value::None, None)? {
            crate::vm::GenStep::Yielded(v) => Some(v),
            crate::vm::GenStep::Returned(_) => None,
        });
    }
    let cell = match o.payload() {
        Payload::Iter(cell) => cell,
        Payload::Native(n) if n.is_iterator() => return n.next(vm, o),
        _ => return Err(vm.type_error(format!("'{}' object is not an iterator", type_name(it)))),
    };
    enum Step<S: LockStrategy> {
        Done(Option<Value<S>>),
        Dict(ObjRef<S>, DictViewKind, usize, usize),
        Seq(ObjRef<S>, usize),
        GetItem(Value<S>, usize),
        Enumerate(Value<S>, Value<S>),
        Zip(Vec<Value<S>>, bool),
        Map(Value<S>, Vec<Value<S>>),
        Filter(Value<S>, Value<S>),
        Callable(Value<S>, Value<S>),
    }
    // The iterator's own state is updated under its lock; the underlying
    // container is read afterwards under the container's lock (never both).
    let step = cell.with::<S, _>(&o.header, |state| match state {
        IterState::Range { next, stop, step } => {
            if (*step > 0 && *next < *stop) || (*step < 0 && *next > *stop) {
                let v = *next;
                *next = next.saturating_add(*step);
                Step::Done(Some(Value::Int(v)))
            } else {
                Step::Done(None)
            }
        }
        IterState::BigRange(r) => {
            let crate::range::BigRange {
                start: next,
                stop,
                step,
            } = &mut **r;
            if (step.is_positive() && *next < *stop) || (step.is_negative() && *next > *stop) {
                let v = next.clone();
                *next += &*step;
                Step::Done(Some(int_from_big(v)))
            } else {
                Step::Done(None)
            }
        }
        IterState::Seq { seq, index, .. } => {
            let i = *index;
            *index += 1;
            Step::Seq(seq.clone(), i)
        }
        IterState::Str { s, byte_pos } => {
            let Payload::Str(text) = s.payload() else {
                return Step::Done(None);
            };
            match text.as_str()[*byte_pos..].chars().next() {
                Some(c) => {
                    *byte_pos += c.len_utf8();
                    Step::Done(Some(new_str(c.to_string())))
                }
                None => Step::Done(None),
            }
        }
        IterState::Dict {
            dict,
            kind,
            index,
            len,
        } => {
            let i = *index;
            *index += 1;
            Step::Dict(dict.clone(), *kind, i, *len)
        }
        IterState::GetItem { obj, index } => {
            let i = *index;
            *index += 1;
            Step::GetItem(obj.clone(), i)
        }
        IterState::Enumerate { inner, count } => {
            let next = match &*count {
                Value::Int(i) => i.checked_add(1).map(Value::Int),
                _ => None,
            }
            .unwrap_or_else(|| int_from_big(to_big(count).expect("an int count") + 1));
            Step::Enumerate(inner.clone(), std::mem::replace(count, next))
        }
        IterState::Zip { inners, strict } => Step::Zip(inners.clone(), *strict),
        IterState::Map { func, inners } => Step::Map(func.clone(), inners.clone()),
        IterState::Filter { func, inner } => Step::Filter(func.clone(), inner.clone()),
        IterState::Callable { func, sentinel } => Step::Callable(func.clone(), sentinel.clone()),
        IterState::Exhausted => Step::Done(None),
    });
    // Combinators run their inner iterators (and functions) outside this
    // iterator's lock.
    match step {
        Step::Callable(func, sentinel) => {
            let v = vm.call(&func, vec![])?;
            if v.is(&sentinel) || eq(vm, &v, &sentinel)? {
                let old =
                    cell.with::<S, _>(&o.header, |s| std::mem::replace(s, IterState::Exhausted));
                drop(old);
                return Ok(None);
            }
            return Ok(Some(v));
        }
        Step::Enumerate(inner, n) => {
            return Ok(iter_next(vm, &inner)?.map(|v| new_tuple(vec![n, v])));
        }
        Step::Zip(inners, strict) => {
            if inners.is_empty() {
                return Ok(None);
            }
            let mut items = Vec::with_capacity(inners.len());
            for (i, it) in inners.iter().enumerate() {
                match iter_next(vm, it)? {
                    Some(v) => items.push(v),
                    None if !strict => return Ok(None),
                    None if i > 0 => return Err(zip_unequal(vm, i, "shorter")),
                    None => {
                        // The first iterator ended: every other one must end
                        // now too.
                        for (j, other) in inners.iter().enumerate().skip(1) {
                            if iter_next(vm, other)?.is_some() {
                                return Err(zip_unequal(vm, j, "longer"));
                            }
                        }
                        return Ok(None);
                    }
                }
            }
            return Ok(Some(new_tuple(items)));
        }
        Step::Map(func, inners) => {
            let mut args = Vec::with_capacity(inners.len());
            for it in &inners {
                match iter_next(vm, it)? {
                    Some(v) => args.push(v),
                    None => return Ok(None),
                }
            }
            return vm.call(&func, args).map(Some);
        }
        Step::Filter(func, inner) => {
            while let Some(v) = iter_next(vm, &inner)? {
                let keep = if matches!(func, Value::None) {
                    truthy(vm, &v)?
                } else {
                    let r = vm.call(&func, vec![v.clone()])?;
                    truthy(vm, &r)?
                };
                if keep {
                    return Ok(Some(v));
                }
            }
            return Ok(None);
        }
        _ => {}
    }
    match step {
        Step::Enumerate(..)
        | Step::Zip(..)
        | Step::Map(..)
        | Step::Filter(..)
        | Step::Callable(..) => {
            unreachable!("handled above")
        }
        Step::Done(v) => Ok(v),
        Step::GetItem(obj, i) => {
            match crate::classes::call_dunder(vm, &obj, "__getitem__", vec![Value::Int(i as i64)]) {
                Ok(v) => Ok(v),
                Err(e)
                    if matches!(
                        type_name(&Value::Obj(e.exc.clone())).as_str(),
                        "IndexError" | "StopIteration"
                    ) =>
                {
                    Ok(None)
                }
                Err(e) => Err(e),
            }
        }
        Step::Seq(seq, i) => Ok(match seq.payload() {
            Payload::List(items) => items.with::<S, _>(&seq.header, |v| v.get(i).cloned()),
            Payload::Tuple(items) => items.get(i).cloned(),
            Payload::Bytes(b) => b.get(i).map(|x| Value::Int(*x as i64)),
            Payload::Native(n) => n.item_at(&seq, i).flatten(),
            _ => None,
        }),
        Step::Dict(dict, kind, i, expected_len) => {
            let Payload::Dict(d) = dict.payload() else {
                return Ok(None);
            };
            let r = d.map.with::<S, _>(&dict.header, |m| {
                if m.len() != expected_len {
                    return Err(());
                }
                Ok(m.get_index(i).map(|(k, v)| (k.key.clone(), v.clone())))
            });
            match r {
                Err(()) => {
                    Err(vm.new_error("RuntimeError", "dictionary changed size during iteration"))
                }
                Ok(None) => Ok(None),
                Ok(Some((k, v))) => Ok(Some(match kind {
                    DictViewKind::Keys => k,
                    DictViewKind::Values => v,
                    DictViewKind::Items => new_tuple(vec![k, v]),
                })),
            }
        }
    }
}

/// All items of an iterable.
pub fn iterate<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, Vec<Value<S>>> {
    // An exact list or tuple is copied; a subclass may override `__iter__`.
    match v.stored() {
        Some(Payload::List(_)) => return Ok(list_snapshot(v)),
        Some(Payload::Tuple(t)) => return Ok(t.to_vec()),
        _ => {}
    }
    // A range knows its length: room for it is taken at once, so a range
    // too long for memory is a MemoryError up front (CPython's length hint),
    // and one too long for a C ssize_t an OverflowError.
    let hint = match v.payload() {
        Some(Payload::Range(r)) => r.len() as usize,
        Some(Payload::BigRange(r)) => crate::range::len(vm, r)?,
        _ => 0,
    };
    let mut out = crate::alloc::vec_with_capacity(vm, hint)?;
    let it = get_iter(vm, v)?;
    while let Some(x) = iter_next(vm, &it)? {
        if out.len() == out.capacity() {
            // Grow fallibly: a generator without end is a MemoryError once
            // memory runs out, not an abort.
            let more = out.len().max(4);
            out.try_reserve(more)
                .map_err(|_| crate::alloc::memory_error(vm))?;
        }
        out.push(x);
    }
    Ok(out)
}

/// Unpacking `a, b = v` (CPython's messages).
pub fn unpack<S: LockStrategy>(
    vm: &mut Vm<S>,
    v: &Value<S>,
    n: usize,
) -> PyResult<S, Vec<Value<S>>> {
    let not_iterable = |vm: &Vm<S>| {
        vm.type_error(format!(
            "cannot unpack non-iterable {} object",
            type_name(v)
        ))
    };
    if !matches!(v.payload(), Some(Payload::List(_) | Payload::Tuple(_))) {
        // An iterator is read only up to one item past `n`, as CPython's
        // `unpack_iterable` does (an endless one must not be drained).
        let it = get_iter(vm, v).map_err(|_| not_iterable(vm))?;
        let mut items = Vec::with_capacity(n);
        while let Some(x) = iter_next(vm, &it)? {
            if items.len() == n {
                return Err(vm.value_error(format!("too many values to unpack (expected {n})")));
            }
            items.push(x);
        }
        if items.len() < n {
            return Err(vm.value_error(format!(
                "not enough values to unpack (expected {n}, got {})",
                items.len()
            )));
        }
        return Ok(items);
    }
    let items = iterate(vm, v).map_err(|_| not_iterable(vm))?;
    match items.len().cmp(&n) {
        Ordering::Equal => Ok(items),
        Ordering::Greater => {
            Err(vm.value_error(format!("too many values to unpack (expected {n})")))
        }
        Ordering::Less => Err(vm.value_error(format!(
            "not enough values to unpack (expected {n}, got {})",
            items.len()
        ))),
    }
}

/// Unpacking for a starred target: `before` items, the rest but `after`,
/// then `after` items.
#[allow(clippy::type_complexity)]
pub fn unpack_ex<S: LockStrategy>(
    vm: &mut Vm<S>,
    v: &Value<S>,
    before: usize,
    after: usize,
) -> PyResult<S, (Vec<Value<S>>, Vec<Value<S>>, Vec<Value<S>>)> {
    let mut items = iterate(vm, v).map_err(|_| {
        vm.type_error(format!(
            "cannot unpack non-iterable {} object",
            type_name(v)
        ))
    })?;
    if items.len() < before + after {
        return Err(vm.value_error(format!(
            "not enough values to unpack (expected at least {}, got {})",
            before + after,
            items.len()
        )));
    }
    let tail = items.split_off(items.len() - after);
    let middle = items.split_off(before);
    Ok((items, middle, tail))
}

// ---- attributes ----

fn str_of<S: LockStrategy>(name: &ObjRef<S>) -> &str {
    match name.payload() {
        Payload::Str(s) => s.as_str(),
        _ => "?",
    }
}

/// A method of a builtin type, to be called with the receiver first.
pub fn lookup_method<S: LockStrategy>(
    vm: &mut Vm<S>,
    obj: &Value<S>,
    name: &ObjRef<S>,
) -> PyResult<S, Option<Value<S>>> {
    if let Value::Obj(o) = obj {
        if let Payload::Type(t) = o.payload() {
            // A class's own attributes (its MRO's, its builtin base's) come
            // before its metaclass's methods: `A.__init__(a, 1)` and
            // `list.__init__(x)` are not `type.__init__` bound to the class.
            // Left to `get_attr`, which finds them (and checks receivers).
            let attr = str_of(name);
            let own = match &t.dict {
                Some(_) => {
                    crate::classes::class_lookup(o, &Value::Obj(name.clone())).is_some()
                        || crate::subclass::native_base(o)
                            .is_some_and(|k| vm.interp.methods.contains_key(&(k, attr)))
                }
                None => {
                    (attr == "__init__" && t.kind != TypeKind::Type)
                        || vm.interp.methods.contains_key(&(t.kind, attr))
                }
            };
            if own {
                return Ok(None);
            }
        }
    }
    if let Some(class) = crate::classes::user_class_of(obj) {
        if crate::classes::type_obj(&class)
            .is_some_and(|t| t.getattribute_hook.load(crate::sync::Ordering::Relaxed))
        {
            // Every read goes through the class's `__getattribute__`.
            return Ok(None);
        }
        // A plain function found on the class is called with self first,
        // unless the instance dict shadows it.
        let key = Value::Obj(name.clone());
        if obj
            .obj()
            .and_then(|o| crate::classes::instance_own_attr(o, &key))
            .is_some()
        {
            return Ok(None);
        }
        return Ok(match crate::classes::class_lookup(&class, &key) {
            Some(m) => Some(m).filter(|m| matches!(m.payload(), Some(Payload::Function(_)))),
            // What the class inherits from its builtin base (`list.append`
            // for `class Stack(list)`), then from `object` (`__eq__`...).
            None => {
                let kind = type_kind(obj);
                let attr = str_of(name);
                let native = match crate::methods::is_static(kind, attr) {
                    true => None,
                    false => vm.interp.methods.get(&(kind, attr)),
                };
                native
                    .or_else(|| vm.interp.methods.get(&(TypeKind::Object, attr)))
                    .cloned()
            }
        });
    }
    let kind = type_kind(obj);
    if crate::methods::is_static(kind, str_of(name)) {
        return Ok(None);
    }
    if let Some(Payload::Type(t)) = obj.payload() {
        if t.kind == TypeKind::Type && t.dict.is_none() {
            // `type.__call__` is `type`'s own unbound method, found in its
            // own MRO before its metaclass's (which is `type` again).
            return Ok(None);
        }
    }
    let attr = str_of(name);
    if let Some(m) = vm.interp.methods.get(&(kind, attr)) {
        return Ok(Some(m.clone()));
    }
    // What every builtin value inherits from `object` (`(5).__setattr__`).
    if !crate::slot_wrappers::inherits_from_object(kind, attr) {
        return Ok(None);
    }
    Ok(vm.interp.methods.get(&(TypeKind::Object, attr)).cloned())
}

/// The data attributes of numbers: `real`, `imag`, and for ints (and bools)
/// `numerator` and `denominator`, as `numbers.Integral` defines them.
/// Cheap for the values that are not numbers (no string comparison).
fn number_attr<S: LockStrategy>(obj: &Value<S>, attr: &str) -> Option<Value<S>> {
    if let Some(n) = numeric_value(obj) {
        // `real` and friends of an int or float subclass are plain numbers.
        return number_attr(&n, attr);
    }
    let as_int = match obj {
        Value::Float(_) => {
            return match attr {
                "real" => Some(obj.clone()),
                "imag" => Some(Value::Float(0.0)),
                _ => None,
            }
        }
        Value::Bool(b) => Value::Int(*b as i64),
        Value::Int(_) => obj.clone(),
        Value::Obj(o) if matches!(o.payload(), Payload::BigInt(_)) => obj.clone(),
        Value::None | Value::Obj(_) => return None,
    };
    match attr {
        "real" | "numerator" => Some(as_int),
        "imag" => Some(Value::Int(0)),
        "denominator" => Some(Value::Int(1)),
        _ => None,
    }
}

/// `obj.name(*args)`, for a method name that Rust code supplies.
pub fn call_method<S: LockStrategy>(
    vm: &mut Vm<S>,
    obj: &Value<S>,
    name: &str,
    args: Vec<Value<S>>,
) -> PyResult<S> {
    let name = ObjRef::new(Payload::Str(PyStr::new(name)));
    let method = get_attr(vm, obj, &name)?;
    vm.call(&method, args)
}

/// `str.upper` and the like: the method of a builtin type, checking that
/// its first argument is an instance of the type (CPython's descriptor
/// errors) before the method reads it as its receiver.
pub(crate) fn unbound_method<S: LockStrategy>(
    vm: &Vm<S>,
    kind: TypeKind,
    type_name_: &str,
    attr: &str,
) -> Value<S> {
    let method = vm.interp.methods[&(kind, attr)].clone();
    if attr == "__new__" && kind != TypeKind::Object {
        return checked_new(vm, kind, type_name_, method);
    }
    if kind == TypeKind::Object || crate::methods::is_static(kind, attr) {
        return method;
    }
    let Some(Payload::Builtin(crate::object::Builtin {
        func: crate::object::NativeCode::Fn(f),
        ..
    })) = method.payload()
    else {
        return method;
    };
    let mut cache = vm
        .interp
        .unbound_methods
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    // Keyed by the method's address: it lives as long as the interpreter.
    let key = method.obj().map_or(0, |o| o.raw().as_ptr() as usize);
    if let Some(wrapped) = cache.get(&key) {
        return wrapped.clone();
    }
    // The names CPython's messages give the types our modules define natively.
    let tname = match kind {
        TypeKind::Lock => "_thread.lock",
        TypeKind::Socket => "_socket.socket",
        _ => type_name_,
    };
    let (f, tname, aname) = (*f, tname.to_string(), attr.to_string());
    // A slot wrapper (`int.__add__`) words its errors as CPython's
    // wrapper_descriptor does, a method (`str.lower`) as a method_descriptor.
    let slot = crate::slot_wrappers::is_slot_wrapper(kind, attr);
    let check = move |vm: &mut Vm<S>, args: Args<S>| -> PyResult<S> {
        let Some(recv) = args.pos.first() else {
            return Err(vm.type_error(match slot {
                true => format!("descriptor '{aname}' of '{tname}' object needs an argument"),
                false => format!("unbound method {tname}.{aname}() needs an argument"),
            }));
        };
        let k = type_kind(recv);
        let fits = k == kind
            || (kind == TypeKind::Int && k == TypeKind::Bool)
            || (kind == TypeKind::Bool && k == TypeKind::Int && slot);
        if !fits {
            // bool's number slots are int's.
            let owner = if kind == TypeKind::Bool {
                "int"
            } else {
                &tname
            };
            return Err(vm.type_error(match slot {
                true => format!(
                    "descriptor '{aname}' requires a '{owner}' object but received a '{}'",
                    type_name(recv)
                ),
                false => format!(
                    "descriptor '{aname}' for '{tname}' objects doesn't apply to a '{}' object",
                    type_name(recv)
                ),
            }));
        }
        f(vm, args)
    };
    let wrapped = Value::Obj(
        vm.interp
            .alloc_shared(Payload::Builtin(crate::object::Builtin {
                name: attr.to_string().into(),
                func: crate::object::NativeCode::Closure(std::sync::Arc::new(check)),
                releases_gil: false,
                // A method descriptor: stored in a class (`f = str.upper`), it binds
                // to the instance, whose kind the check then refuses or accepts.
                method: true,
            })),
    );
    cache.insert(key, wrapped.clone());
    wrapped
}

/// `int.__new__` and the like looked up on a builtin type (or inherited by
/// a subclass): CPython's `tp_new_wrapper` checks that the class it is
/// given derives from the type before the method builds an instance of it.
fn checked_new<S: LockStrategy>(
    vm: &Vm<S>,
    kind: TypeKind,
    type_name_: &str,
    method: Value<S>,
) -> Value<S> {
    let Some(owner) = vm.interp.types.get(&kind).cloned() else {
        return method;
    };
    let Some(Payload::Builtin(crate::object::Builtin {
        func: crate::object::NativeCode::Fn(f),
        ..
    })) = method.payload()
    else {
        return method;
    };
    let f = *f;
    let tname = type_name_.to_string();
    let check = move |vm: &mut Vm<S>, args: Args<S>| -> PyResult<S> {
        let Some(cls) = args.pos.first() else {
            return Err(vm.type_error(format!("{tname}.__new__(): not enough arguments")));
        };
        let class = match cls {
            Value::Obj(c) if matches!(c.payload(), Payload::Type(_)) => c,
            other => {
                return Err(vm.type_error(format!(
                    "{tname}.__new__(X): X is not a type object ({})",
                    type_name(other)
                )))
            }
        };
        if !crate::builtins::is_subtype(class, &owner) {
            let name = crate::classes::type_obj(class)
                .map(|t| t.name.clone())
                .unwrap_or_default();
            return Err(vm.type_error(format!(
                "{tname}.__new__({name}): {name} is not a subtype of {tname}"
            )));
        }
        // A builtin type derived from this one (`int.__new__(bool)`) is
        // built by its own `__new__`.
        if let Some(t) = crate::classes::type_obj(class) {
            if t.dict.is_none() && !class.ptr_eq(&owner) {
                let name = &t.name;
                return Err(vm.type_error(format!(
                    "{tname}.__new__({name}) is not safe, use {name}.__new__()"
                )));
            }
        }
        f(vm, args)
    };
    Value::Obj(ObjRef::new(Payload::Builtin(crate::object::Builtin {
        name: "__new__".into(),
        func: crate::object::NativeCode::Closure(std::sync::Arc::new(check)),
        releases_gil: false,
        method: false,
    })))
}

/// `getattr(obj, name, None)` that tells a missing attribute (None) from
/// one whose value is None: any AttributeError, of a subclass too, is
/// "missing"; other errors propagate.
pub fn get_attr_opt<S: LockStrategy>(
    vm: &mut Vm<S>,
    obj: &Value<S>,
    name: &str,
) -> PyResult<S, Option<Value<S>>> {
    match get_attr(vm, obj, &crate::vm::name_obj(vm, name)) {
        Ok(v) => Ok(Some(v)),
        Err(e) if crate::exceptions::is_attribute_error(vm, &e) => Ok(None),
        Err(e) => Err(e),
    }
}

pub fn get_attr<S: LockStrategy>(vm: &mut Vm<S>, obj: &Value<S>, name: &ObjRef<S>) -> PyResult<S> {
    if let Some(v) = crate::classes::instance_getattr(vm, obj, name)? {
        return Ok(v);
    }
    get_attr_builtin(vm, obj, name)
}

/// Attribute lookup past an instance's own attributes: what every object
/// has (`__class__`, the methods of its type, a module's names...).
pub fn get_attr_builtin<S: LockStrategy>(
    vm: &mut Vm<S>,
    obj: &Value<S>,
    name: &ObjRef<S>,
) -> PyResult<S> {
    let attr = str_of(name);
    if let Some(v) = number_attr(obj, attr) {
        return Ok(v);
    }
    if attr == "__class__" {
        return Ok(Value::Obj(crate::builtins::type_of(vm, obj)));
    }
    if let Value::Obj(o) = obj {
        match o.payload() {
            Payload::Native(n) => {
                if let Some(v) = n.get_attr(o, attr) {
                    return Ok(v);
                }
            }
            Payload::Type(t) if t.dict.is_some() => {
                if let Some(v) = crate::classes::class_getattr(vm, o, attr)? {
                    return Ok(v);
                }
                return Err(vm.new_error(
                    "AttributeError",
                    format!("type object '{}' has no attribute '{}'", t.name, attr),
                ));
            }
            Payload::Super(start, bound) => {
                let (start, bound) = (start.clone(), bound.clone());
                if let Some(v) = crate::classes::super_getattr(vm, &start, &bound, attr)? {
                    return Ok(v);
                }
                return Err(vm.new_error(
                    "AttributeError",
                    format!("'super' object has no attribute '{attr}'"),
                ));
            }
            Payload::Property(p) => match attr {
                "setter" | "getter" | "deleter" => {
                    let f = vm.interp.property_copier(attr);
                    return Ok(Value::Obj(ObjRef::new(Payload::BoundMethod(
                        obj.clone(),
                        f,
                    ))));
                }
                "fget" => return Ok(p.fget.clone()),
                "fset" => return Ok(p.fset.clone()),
                "fdel" => return Ok(p.fdel.clone()),
                "__doc__" => return Ok(p.doc.with::<S, _>(&o.header, |d| d.clone())),
                "__isabstractmethod__" => {
                    return Ok(Value::Bool(crate::classes::is_abstract(vm, &p.fget)))
                }
                _ => {}
            },
            Payload::Function(f) => {
                if let Some(v) = crate::classes::function_getattr(vm, o, f, attr)? {
                    return Ok(v);
                }
            }
            Payload::Queue(q) => {
                if let Some(v) = crate::modules::queue::queue_attr(q, attr) {
                    return Ok(v);
                }
            }
            Payload::Socket(sock) => {
                if let Some(v) = crate::modules::socket::socket_attr(sock, attr) {
                    return Ok(v);
                }
            }
            Payload::BoundMethod(this, func) => match attr {
                "__self__" => return Ok(this.clone()),
                // A builtin's bound method has no `__func__` (and the bare
                // method would skip the receiver check).
                "__func__" if !matches!(func.payload(), Some(Payload::Builtin(_))) => {
                    return Ok(func.clone())
                }
                "__name__" => return get_attr(vm, &func.clone(), name),
                _ => {}
            },
            Payload::Type(t)
                if t.dict.is_none() && vm.interp.methods.contains_key(&(t.kind, attr)) =>
            {
                // `str.lower`: the unbound method of a builtin type.
                return Ok(unbound_method(vm, t.kind, &t.name, attr));
            }
            Payload::Type(t)
                if t.dict.is_none()
                    && t.kind != TypeKind::Type
                    && crate::slot_wrappers::inherits_from_object(t.kind, attr)
                    && vm.interp.methods.contains_key(&(TypeKind::Object, attr)) =>
            {
                // `int.__setattr__`: what the builtin type inherits from
                // `object`, which applies to any object.
                return Ok(vm.interp.methods[&(TypeKind::Object, attr)].clone());
            }
            Payload::Type(t) if attr == "__mro__" => {
                let mut items = vec![obj.clone()];
                items.extend(t.mro.iter().cloned().map(Value::Obj));
                return Ok(new_tuple(items));
            }
            Payload::Type(t) if attr == "__bases__" => {
                return Ok(new_tuple(t.bases.iter().cloned().map(Value::Obj).collect()));
            }
            Payload::Type(t) if attr == "__base__" => {
                return Ok(t.base.clone().map(Value::Obj).unwrap_or(Value::None));
            }
            Payload::Type(t) if attr == "__qualname__" => return Ok(new_str(t.name.as_str())),
            // A native type's module is the prefix of its `tp_name`
            // (`itertools.count`), as CPython's `type_module` reads it.
            Payload::Type(t) if attr == "__module__" && t.dict.is_none() => {
                return Ok(new_str(match (t.kind, t.name.as_str()) {
                    (TypeKind::Native(kind), _) => kind.module(),
                    (TypeKind::Socket, _) => "socket",
                    (TypeKind::Queue, _) => "queue",
                    (_, "Thread") => "threading",
                    (_, "ABCMeta") => "abc",
                    _ => "builtins",
                }));
            }
            Payload::Range(r) => match attr {
                "start" => return Ok(Value::Int(r.start)),
                "stop" => return Ok(Value::Int(r.stop)),
                "step" => return Ok(Value::Int(r.step)),
                _ => {}
            },
            Payload::BigRange(r) => match attr {
                "start" => return Ok(int_from_big(r.start.clone())),
                "stop" => return Ok(int_from_big(r.stop.clone())),
                "step" => return Ok(int_from_big(r.step.clone())),
                _ => {}
            },
            Payload::Slice(parts) => match attr {
                "start" => return Ok(parts[0].clone()),
                "stop" => return Ok(parts[1].clone()),
                "step" => return Ok(parts[2].clone()),
                _ => {}
            },
            _ => {}
        }
    }
    if let Some(m) = lookup_method(vm, obj, name)? {
        return Ok(Value::Obj(ObjRef::new(Payload::BoundMethod(
            obj.clone(),
            m,
        ))));
    }
    if crate::methods::is_static(type_kind(obj), attr) {
        // `'x'.maketrans`: a static method, not bound to the instance;
        // `(1).__new__` is `object.__new__` where the type has none of its
        // own here.
        let methods = &vm.interp.methods;
        if let Some(m) = methods
            .get(&(type_kind(obj), attr))
            .or_else(|| methods.get(&(TypeKind::Object, attr)))
        {
            return Ok(m.clone());
        }
    }
    if let Value::Obj(o) = obj {
        match o.payload() {
            Payload::Module(m) => {
                if let Some(v) = dict_get(&m.dict, &Value::Obj(name.clone())) {
                    return Ok(v);
                }
                return crate::modules::import::module_getattr_fallback(vm, m, name);
            }
            Payload::Generator(g) => {
                if let Some(v) = g.attr(o, attr) {
                    return Ok(v);
                }
            }
            Payload::Thread(t) => {
                if let Some(v) = crate::modules::threading::thread_attr(vm, t, attr) {
                    return Ok(v);
                }
            }
            Payload::Exception(e) => {
                let chain = |f: &dyn Fn(&crate::object::ExcChain<S>) -> Value<S>| {
                    e.chain.with::<S, _>(&o.header, |c| f(c))
                };
                match attr {
                    "args" => return Ok(new_tuple(crate::interp::exception_args(o))),
                    "value" if type_name(obj) == "StopIteration" => {
                        return Ok(crate::interp::exception_args(o)
                            .first()
                            .cloned()
                            .unwrap_or(Value::None))
                    }
                    "errno" | "strerror" if crate::interp::is_os_error(vm, obj) => {
                        let a = crate::interp::exception_args(o);
                        return Ok(match a.len() {
                            2..=5 => a[(attr == "strerror") as usize].clone(),
                            _ => Value::None,
                        });
                    }
                    "code" if crate::interp::is_system_exit(vm, obj) => {
                        let a = crate::interp::exception_args(o);
                        return Ok(match a.len() {
                            0 => Value::None,
                            1 => a[0].clone(),
                            _ => new_tuple(a),
                        });
                    }
                    "__cause__" => return Ok(chain(&|c| c.cause.clone().unwrap_or(Value::None))),
                    "__context__" => {
                        return Ok(chain(&|c| {
                            c.context.clone().map(Value::Obj).unwrap_or(Value::None)
                        }))
                    }
                    "__suppress_context__" => {
                        return Ok(chain(&|c| Value::Bool(c.suppress_context)))
                    }
                    "__traceback__" => return Ok(crate::exceptions::traceback_of(o)),
                    _ => {}
                }
                // An import error's `name` and `path` (None until set).
                if let Some(d) = &e.dict {
                    if let Some(v) = dict_get(d, &Value::Obj(name.clone())) {
                        return Ok(v);
                    }
                    if matches!(attr, "name" | "path")
                        && crate::interp::is_instance_of(vm, obj, "ImportError")
                    {
                        return Ok(Value::None);
                    }
                    if matches!(attr, "filename" | "filename2")
                        && crate::interp::is_os_error(vm, obj)
                    {
                        return Ok(Value::None);
                    }
                }
            }
            Payload::StaticMethod(f) | Payload::ClassMethod(f)
                if matches!(attr, "__func__" | "__wrapped__") =>
            {
                return Ok(f.clone())
            }
            Payload::Type(t) if attr == "__name__" => return Ok(new_str(t.name.as_str())),
            Payload::Function(f) if attr == "__name__" => return Ok(new_str(&*f.code.name)),
            Payload::Builtin(b) if attr == "__name__" => return Ok(new_str(b.name.as_ref())),
            Payload::Cell(c) if attr == "cell_contents" => {
                return match c.with::<S, _>(&o.header, |c| c.clone()) {
                    Some(v) => Ok(v),
                    None => Err(vm.value_error("Cell is empty")),
                }
            }
            Payload::Type(t) if attr == "__dict__" => {
                return Ok(builtin_type_dict(vm, t.kind, &t.name))
            }
            Payload::Type(t)
                if t.dict.is_none() && crate::slot_wrappers::hash_is_none(t.kind, attr) =>
            {
                return Ok(Value::None)
            }
            Payload::Type(t) => {
                if let Some(d) = crate::types::descriptor::lookup(o, attr) {
                    return Ok(d);
                }
                if attr == "__doc__" {
                    // Builtin types carry no docstrings here.
                    return Ok(Value::None);
                }
                return Err(vm.new_error(
                    "AttributeError",
                    format!("type object '{}' has no attribute '{}'", t.name, attr),
                ));
            }
            _ => {}
        }
    }
    // `hash_is_none`: `[].__hash__`; `__doc__`: every object's, its type's
    // docstring, which builtin types do not carry here.
    if crate::slot_wrappers::hash_is_none(type_kind(obj), attr) || attr == "__doc__" {
        return Ok(Value::None);
    }
    Err(vm.new_error(
        "AttributeError",
        format!("'{}' object has no attribute '{}'", type_name(obj), attr),
    ))
}

/// `int.__dict__`: a read-only view of a snapshot of the builtin type's
/// methods (CPython's type dict, which has method descriptors in it).
/// Each is the method as `int.name` gives it, which checks its receiver:
/// the bare method reads its first argument as the type's own kind.
fn builtin_type_dict<S: LockStrategy>(
    vm: &mut Vm<S>,
    kind: TypeKind,
    type_name_: &str,
) -> Value<S> {
    let dict = new_dict();
    if let Value::Obj(d) = &dict {
        let mut names: Vec<&'static str> = vm
            .interp
            .methods
            .keys()
            .filter(|(k, _)| *k == kind)
            .map(|(_, name)| *name)
            .collect();
        names.sort_unstable();
        for name in names {
            let f = unbound_method(vm, kind, type_name_, name);
            vm.interp.dict_set_str(d, name, f);
        }
        vm.interp.dict_set_str(d, "__doc__", Value::None);
    }
    crate::types::mappingproxy::new_proxy(dict)
}

pub fn set_attr<S: LockStrategy>(
    vm: &mut Vm<S>,
    obj: &Value<S>,
    name: &ObjRef<S>,
    value: Value<S>,
) -> PyResult<S, ()> {
    let attr = str_of(name);
    if let (Some(Payload::Exception(e)), "args") = (obj.payload(), attr) {
        // `BaseException.args` is a data descriptor: any iterable, kept as
        // a tuple.
        let items = iterate(vm, &value)?;
        let o = obj.obj().expect("exceptions are objects");
        let old = e.args.with::<S, _>(&o.header, |a| {
            std::mem::replace(a, items.into_boxed_slice())
        });
        drop(old);
        return Ok(());
    }
    if let Value::Obj(o) = obj {
        if crate::exceptions::set_attr(vm, o, attr, &value)? {
            return Ok(());
        }
    }
    if crate::classes::instance_setattr(vm, obj, name, value.clone())? {
        return Ok(());
    }
    if let Value::Obj(o) = obj {
        if let Payload::Type(t) = o.payload() {
            if t.dict.is_some() {
                // A metaclass's `__setattr__` (enum's guards its members).
                let args = vec![Value::Obj(name.clone()), value.clone()];
                if t.metaclass.is_some()
                    && crate::metaclass::call_meta_dunder(vm, obj, "__setattr__", args)?.is_some()
                {
                    return Ok(());
                }
                return crate::classes::object_setattr(vm, obj, Value::Obj(name.clone()), value);
            }
        }
        if let (Payload::Property(p), "__doc__") = (o.payload(), attr) {
            let old = p
                .doc
                .with::<S, _>(&o.header, |d| std::mem::replace(d, value));
            drop(old);
            return Ok(());
        }
        if let Payload::Function(f) = o.payload() {
            if crate::classes::set_function_defaults(vm, o, f, attr, &value)? {
                return Ok(());
            }
            let d = crate::classes::function_dict(o, f);
            return dict_set(vm, &d, Value::Obj(name.clone()), value);
        }
        let handled = match o.payload() {
            Payload::Module(_) if attr == "__class__" => {
                return crate::classes::set_class(vm, obj, &value)
            }
            Payload::Module(m) => return dict_set(vm, &m.dict, Value::Obj(name.clone()), value),
            Payload::Exception(e) if e.dict.is_some() => {
                let d = e.dict.as_ref().expect("checked by the guard");
                return dict_set(vm, d, Value::Obj(name.clone()), value);
            }
            Payload::Thread(t) => crate::modules::threading::set_thread_attr(vm, t, attr, &value)?,
            Payload::Native(n) => n.set_attr(vm, o, attr, Some(value.clone()))?,
            _ => false,
        };
        if handled {
            return Ok(());
        }
        if let Payload::Type(t) = o.payload() {
            // A builtin type (it has no namespace of its own to store into).
            return Err(vm.type_error(format!(
                "cannot set '{attr}' attribute of immutable type '{}'",
                t.name
            )));
        }
    }
    if attr == "__class__" {
        return crate::classes::set_class(vm, obj, &value);
    }
    if lookup_method(vm, obj, name)?.is_some() {
        return Err(vm.new_error(
            "AttributeError",
            format!(
                "'{}' object attribute '{}' is read-only",
                type_name(obj),
                attr
            ),
        ));
    }
    Err(vm.new_error(
        "AttributeError",
        format!("'{}' object has no attribute '{}'", type_name(obj), attr),
    ))
}

/// `str()` for a range's repr and friends, reused by `repr`.
pub fn range_repr(r: &RangeObj) -> String {
    if r.step == 1 {
        format!("range({}, {})", r.start, r.stop)
    } else {
        format!("range({}, {}, {})", r.start, r.stop, r.step)
    }
}

/// Checks that `v` is a str and returns it.
pub fn expect_str<'a, S: LockStrategy>(
    vm: &Vm<S>,
    v: &'a Value<S>,
    what: &str,
) -> PyResult<S, &'a str> {
    v.as_str()
        .ok_or_else(|| vm.type_error(format!("{what} must be str, not {}", type_name(v))))
}

/// `operator.index(v)` for instances of user classes: the int their
/// `__index__` returns; any other value comes back unchanged, for the caller
/// to accept or reject.
pub fn as_index<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, Value<S>> {
    if crate::classes::user_class_of(v).is_none() {
        return Ok(v.clone());
    }
    match crate::classes::call_dunder(vm, v, "__index__", Vec::new())? {
        Some(i) if is_int_like(&i) => Ok(i),
        Some(other) => Err(vm.type_error(format!(
            "__index__ returned non-int (type {})",
            type_name(&other)
        ))),
        None => Ok(numeric_value(v)
            .filter(is_int_like)
            .unwrap_or_else(|| v.clone())),
    }
}

/// Whether a subscript may need `__index__` applied: an instance of a user
/// class, or a slice (whose bounds might be). Ints and strs, the common
/// subscripts, answer no without leaving the caller.
#[inline(always)]
fn may_need_index<S: LockStrategy>(index: &Value<S>) -> bool {
    matches!(index, Value::Obj(o) if matches!(o.stored(), Payload::Instance(_) | Payload::Slice(_)))
}

/// A subscript with `__index__` applied, to the index itself or to each
/// bound of a slice; `None` when nothing changes. Off the hot path: callers
/// first ask `may_need_index`.
#[cold]
#[inline(never)]
fn subscript_index<S: LockStrategy>(
    vm: &mut Vm<S>,
    index: &Value<S>,
) -> PyResult<S, Option<Value<S>>> {
    // `Some` only when something changed: a user object without
    // `__index__` stays as it is, for the caller's own error.
    if let Some(Payload::Slice(parts)) = index.payload() {
        let mut bounds = [Value::None, Value::None, Value::None];
        let mut changed = false;
        for (bound, part) in bounds.iter_mut().zip(parts.iter()) {
            *bound = as_index(vm, part)?;
            changed |= !bound.is(part);
        }
        return Ok(changed.then(|| Value::Obj(ObjRef::new(Payload::Slice(Box::new(bounds))))));
    }
    let converted = as_index(vm, index)?;
    Ok((!converted.is(index)).then_some(converted))
}

/// Checks that `v` is an int (or bool) that fits in 64 bits.
pub fn expect_int<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>) -> PyResult<S, i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::Obj(o) if matches!(o.stored(), Payload::Instance(_)) && is_int_like(v) => {
            // An instance of an int subclass: its value.
            expect_int(vm, &numeric_value(v).unwrap_or(Value::None))
        }
        Value::Obj(o) if matches!(o.payload(), Payload::BigInt(_)) => Err(vm.new_error(
            "OverflowError",
            "Python int too large to convert to C ssize_t",
        )),
        _ => Err(vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(v)
        ))),
    }
}
