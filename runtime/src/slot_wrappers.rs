//! Slot wrappers: the dunder methods through which Python code reaches a
//! builtin type's operators explicitly (`int.__add__(5, 3)`, `(5).__eq__(x)`,
//! `[1].__iadd__(y)`, `super().__lt__(other)`), as CPython's
//! `wrapper_descriptor`s expose a type's slots.
//!
//! A wrapper calls the type's own operator implementation (the builtin
//! half of `ops`, never a subclass's override, which is usually the caller)
//! and answers NotImplemented for an operand type the type does not handle,
//! so that `(5).__add__(1.5)` is NotImplemented and `(5).__eq__(5.0)` too.
//! The operators themselves (`a + b` in the VM) do not come here: these are
//! reached only by an explicit dunder lookup.
//!
//! The registration is table-driven: [`methods`] lists, per builtin type,
//! which operators it answers, and one generic wrapper per operator serves
//! every type (the receiver's payload says which type's semantics apply).

use crate::code::{BinOp, CmpOp};
use crate::object::{NativeFn, Payload, TypeKind, Value};
use crate::ops::{self, type_kind, type_name};
use crate::strategy::LockStrategy;
use crate::subclass::numeric_value;
use crate::types::NativeKind;
use crate::vm::{Args, PyResult, Vm};
use num_bigint::BigInt;
use num_traits::FromPrimitive;

/// The binary operators with slot wrappers, indexed by the wrappers' const
/// parameter.
const BINARY: [BinOp; 12] = [
    BinOp::Add,
    BinOp::Sub,
    BinOp::Mul,
    BinOp::TrueDiv,
    BinOp::FloorDiv,
    BinOp::Mod,
    BinOp::Pow,
    BinOp::LShift,
    BinOp::RShift,
    BinOp::And,
    BinOp::Or,
    BinOp::Xor,
];

/// The rich comparisons, indexed likewise.
const COMPARE: [(CmpOp, &str); 6] = [
    (CmpOp::Lt, "__lt__"),
    (CmpOp::Le, "__le__"),
    (CmpOp::Eq, "__eq__"),
    (CmpOp::Ne, "__ne__"),
    (CmpOp::Gt, "__gt__"),
    (CmpOp::Ge, "__ge__"),
];

/// The unary slots and conversions, indexed likewise.
const UNARY: [&str; 12] = [
    "__neg__",
    "__pos__",
    "__abs__",
    "__invert__",
    "__bool__",
    "__int__",
    "__float__",
    "__index__",
    "__trunc__",
    "__floor__",
    "__ceil__",
    "__getnewargs__",
];

/// The (forward, reflected, in-place) wrappers of `BINARY[i]`.
fn binary_fns<S: LockStrategy>(i: usize) -> (NativeFn<S>, NativeFn<S>, NativeFn<S>) {
    match i {
        0 => (forward::<S, 0>, reflected::<S, 0>, inplace::<S, 0>),
        1 => (forward::<S, 1>, reflected::<S, 1>, inplace::<S, 1>),
        2 => (forward::<S, 2>, reflected::<S, 2>, inplace::<S, 2>),
        3 => (forward::<S, 3>, reflected::<S, 3>, inplace::<S, 3>),
        4 => (forward::<S, 4>, reflected::<S, 4>, inplace::<S, 4>),
        5 => (forward::<S, 5>, reflected::<S, 5>, inplace::<S, 5>),
        6 => (forward::<S, 6>, reflected::<S, 6>, inplace::<S, 6>),
        7 => (forward::<S, 7>, reflected::<S, 7>, inplace::<S, 7>),
        8 => (forward::<S, 8>, reflected::<S, 8>, inplace::<S, 8>),
        9 => (forward::<S, 9>, reflected::<S, 9>, inplace::<S, 9>),
        10 => (forward::<S, 10>, reflected::<S, 10>, inplace::<S, 10>),
        _ => (forward::<S, 11>, reflected::<S, 11>, inplace::<S, 11>),
    }
}

fn compare_fn<S: LockStrategy>(i: usize) -> NativeFn<S> {
    match i {
        0 => compare::<S, 0>,
        1 => compare::<S, 1>,
        2 => compare::<S, 2>,
        3 => compare::<S, 3>,
        4 => compare::<S, 4>,
        _ => compare::<S, 5>,
    }
}

fn unary_fn<S: LockStrategy>(i: usize) -> NativeFn<S> {
    match i {
        0 => unary::<S, 0>,
        1 => unary::<S, 1>,
        2 => unary::<S, 2>,
        3 => unary::<S, 3>,
        4 => unary::<S, 4>,
        5 => unary::<S, 5>,
        6 => unary::<S, 6>,
        7 => unary::<S, 7>,
        8 => unary::<S, 8>,
        9 => unary::<S, 9>,
        10 => unary::<S, 10>,
        _ => unary::<S, 11>,
    }
}

/// What one builtin type answers: its binary operators (forward,
/// reflected, in place), comparisons and unary slots.
struct Slots {
    kinds: &'static [TypeKind],
    forward: &'static [BinOp],
    reflected: &'static [BinOp],
    inplace: &'static [BinOp],
    compare: &'static [CmpOp],
    unary: &'static [&'static str],
    /// `__divmod__`/`__rdivmod__`, `__round__` and three-argument
    /// `__pow__` (the numbers).
    number_extras: bool,
}

const INT_OPS: &[BinOp] = &BINARY;
const FLOAT_OPS: &[BinOp] = &[
    BinOp::Add,
    BinOp::Sub,
    BinOp::Mul,
    BinOp::TrueDiv,
    BinOp::FloorDiv,
    BinOp::Mod,
    BinOp::Pow,
];
const ORDER: &[CmpOp] = &[CmpOp::Lt, CmpOp::Le, CmpOp::Gt, CmpOp::Ge];
const ALL_CMP: &[CmpOp] = &[
    CmpOp::Lt,
    CmpOp::Le,
    CmpOp::Eq,
    CmpOp::Ne,
    CmpOp::Gt,
    CmpOp::Ge,
];
const SET_OPS: &[BinOp] = &[BinOp::And, BinOp::Or, BinOp::Xor, BinOp::Sub];
const COMPLEX_OPS: &[BinOp] = &[
    BinOp::Add,
    BinOp::Sub,
    BinOp::Mul,
    BinOp::TrueDiv,
    BinOp::Pow,
];

/// The table: which slots each builtin type exposes (CPython 3.11's
/// `dir()` of each type). `__eq__`/`__ne__` of the containers, `__len__`,
/// `__getitem__`, `__repr__`, `__hash__`... are in `methods`' dunders.
fn table() -> [Slots; 10] {
    use TypeKind as K;
    [
        Slots {
            kinds: &[K::Int, K::Bool],
            forward: INT_OPS,
            reflected: INT_OPS,
            inplace: &[],
            compare: ALL_CMP,
            unary: &UNARY,
            number_extras: true,
        },
        Slots {
            kinds: &[K::Float],
            forward: FLOAT_OPS,
            reflected: FLOAT_OPS,
            inplace: &[],
            compare: ALL_CMP,
            // Every unary slot but `~` and `__index__`.
            unary: &[
                "__neg__",
                "__pos__",
                "__abs__",
                "__bool__",
                "__int__",
                "__float__",
                "__trunc__",
                "__floor__",
                "__ceil__",
                "__getnewargs__",
            ],
            number_extras: true,
        },
        Slots {
            kinds: &[K::Str, K::Bytes],
            forward: &[BinOp::Add, BinOp::Mul, BinOp::Mod],
            reflected: &[BinOp::Mul, BinOp::Mod],
            inplace: &[],
            compare: ORDER,
            unary: &["__getnewargs__"],
            number_extras: false,
        },
        Slots {
            kinds: &[K::List],
            forward: &[BinOp::Add, BinOp::Mul],
            reflected: &[BinOp::Mul],
            inplace: &[BinOp::Add, BinOp::Mul],
            compare: ORDER,
            unary: &[],
            number_extras: false,
        },
        Slots {
            kinds: &[K::Tuple],
            forward: &[BinOp::Add, BinOp::Mul],
            reflected: &[BinOp::Mul],
            inplace: &[],
            compare: ORDER,
            unary: &["__getnewargs__"],
            number_extras: false,
        },
        Slots {
            kinds: &[K::Set],
            forward: SET_OPS,
            reflected: SET_OPS,
            inplace: SET_OPS,
            compare: ORDER,
            unary: &[],
            number_extras: false,
        },
        Slots {
            kinds: &[K::FrozenSet],
            forward: SET_OPS,
            reflected: SET_OPS,
            inplace: &[],
            compare: ORDER,
            unary: &[],
            number_extras: false,
        },
        Slots {
            kinds: &[K::Dict],
            forward: &[BinOp::Or],
            reflected: &[BinOp::Or],
            inplace: &[BinOp::Or],
            compare: ORDER,
            unary: &[],
            number_extras: false,
        },
        Slots {
            kinds: &[K::Native(NativeKind::Complex)],
            forward: COMPLEX_OPS,
            reflected: COMPLEX_OPS,
            inplace: &[],
            compare: ALL_CMP,
            unary: &["__neg__", "__pos__", "__abs__", "__bool__"],
            number_extras: false,
        },
        Slots {
            kinds: &[K::Native(NativeKind::ByteArray)],
            forward: &[BinOp::Add, BinOp::Mul],
            reflected: &[BinOp::Mul],
            inplace: &[BinOp::Add, BinOp::Mul],
            // `__eq__`/`__ne__` are among the type's own dunders.
            compare: ORDER,
            unary: &[],
            number_extras: false,
        },
    ]
}

/// Every (type, slot wrapper) pair, and the methods every builtin value
/// inherits from `object` beyond those `methods` lists.
pub fn methods<S: LockStrategy>() -> Vec<(TypeKind, &'static str, NativeFn<S>)> {
    let mut v: Vec<(TypeKind, &'static str, NativeFn<S>)> = Vec::new();
    for slots in table() {
        for &kind in slots.kinds {
            for (i, op) in BINARY.iter().enumerate() {
                let (name, rname, iname) = ops::binop_dunders(*op);
                let (f, r, inp) = binary_fns::<S>(i);
                if slots.forward.contains(op) {
                    v.push((kind, name, f));
                }
                if slots.reflected.contains(op) {
                    v.push((kind, rname, r));
                }
                if slots.inplace.contains(op) {
                    v.push((kind, iname, inp));
                }
            }
            for (i, (op, name)) in COMPARE.iter().enumerate() {
                if slots.compare.contains(op) {
                    v.push((kind, name, compare_fn::<S>(i)));
                }
            }
            for (i, name) in UNARY.iter().enumerate() {
                if slots.unary.contains(name) {
                    v.push((kind, name, unary_fn::<S>(i)));
                }
            }
            if slots.number_extras {
                v.push((kind, "__divmod__", divmod as NativeFn<S>));
                v.push((kind, "__rdivmod__", rdivmod));
                v.push((kind, "__round__", round));
                v.push((kind, "__format__", format));
            }
        }
    }
    v.extend([
        (TypeKind::Bool, "__repr__", repr as NativeFn<S>),
        (TypeKind::Bool, "__hash__", hash),
        (TypeKind::FrozenSet, "__hash__", hash),
        (TypeKind::Str, "__str__", str_str),
        (TypeKind::Str, "__format__", format),
        (TypeKind::Exception, "__str__", exception_str),
        (TypeKind::List, "__reversed__", reversed),
        (TypeKind::Dict, "__reversed__", reversed),
        (TypeKind::Iterator, "__next__", iterator_next),
        (TypeKind::Iterator, "__iter__", iterator_iter),
        (TypeKind::Iterator, "__length_hint__", iterator_length_hint),
        (TypeKind::Object, "__init__", object_init),
        (TypeKind::Object, "__str__", object_str),
        (TypeKind::Object, "__repr__", object_repr),
        (TypeKind::Object, "__format__", object_format),
        (TypeKind::Object, "__subclasshook__", object_subclasshook),
        (TypeKind::Object, "__dir__", object_dir),
        (TypeKind::Object, "__getstate__", object_getstate),
        (
            TypeKind::Object,
            "__reduce_ex__",
            crate::reduce::object_reduce_ex,
        ),
        (TypeKind::Object, "__reduce__", crate::reduce::object_reduce),
    ]);
    v.extend(crate::descriptors::methods());
    for (i, kind) in GENERIC.iter().enumerate() {
        v.push((*kind, "__class_getitem__", class_getitem_fn::<S>(i)));
    }
    v
}

/// The builtin types that are generic (`list[int]`), whose
/// `__class_getitem__` makes the alias; indexed by its const parameter.
const GENERIC: [TypeKind; 5] = [
    TypeKind::List,
    TypeKind::Tuple,
    TypeKind::Dict,
    TypeKind::Set,
    TypeKind::FrozenSet,
];

fn class_getitem_fn<S: LockStrategy>(i: usize) -> NativeFn<S> {
    match i {
        0 => class_getitem::<S, 0>,
        1 => class_getitem::<S, 1>,
        2 => class_getitem::<S, 2>,
        3 => class_getitem::<S, 3>,
        _ => class_getitem::<S, 4>,
    }
}

/// `list.__class_getitem__(int)`: `list[int]`. A class method whose class
/// is fixed, so it is not bound to the instance it is read from.
fn class_getitem<S: LockStrategy, const K: usize>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    crate::builtins::arity(vm, "__class_getitem__", &args, 1, 1)?;
    let class = Value::Obj(vm.interp.types[&GENERIC[K]].clone());
    ops::get_item(vm, &class, &args.pos[0])
}

/// `list.__reversed__()`, `dict.__reversed__()`: an iterator over the
/// items (the keys) last first, read from the container itself (not
/// through a subclass's `__iter__`).
fn reversed<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    crate::builtins::arity(vm, "__reversed__", &args, 1, 1)?;
    let v = &args.pos[0];
    let mut items = match v.payload() {
        Some(Payload::List(_)) => ops::list_snapshot(v),
        _ => ops::dict_items(v).into_iter().map(|(k, _)| k).collect(),
    };
    items.reverse();
    ops::get_iter(vm, &ops::new_tuple(items))
}

/// Whether a builtin value of kind `kind` inherits `object`'s method `name`
/// (looked up when its type has none of its own). The comparisons and the
/// hash are inherited only by the types that compare by identity: a type
/// with a value comparison of its own has its own wrappers or none.
pub fn inherits_from_object(kind: TypeKind, name: &str) -> bool {
    use TypeKind as K;
    // `None`'s methods are not bound to it (a method bound to `None` is an
    // unbound one here); a `super` object, a module and a class resolve
    // their attributes themselves. Decided first: a module's attribute
    // reads pass here.
    if matches!(kind, K::Type | K::NoneType | K::Super | K::Module) {
        return false;
    }
    match name {
        "__eq__" | "__ne__" | "__lt__" | "__le__" | "__gt__" | "__ge__" | "__hash__" => matches!(
            kind,
            K::Instance
                | K::Function
                | K::BuiltinFunction
                | K::Generator
                | K::Exception
                | K::Iterator
                | K::Lock
                | K::Thread
                | K::Object
        ),
        _ => true,
    }
}

/// Whether `name` is `__hash__` of an unhashable builtin type, which
/// CPython sets to None (`list.__hash__ is None`).
pub fn hash_is_none(kind: TypeKind, name: &str) -> bool {
    use TypeKind as K;
    name == "__hash__" && matches!(kind, K::List | K::Dict | K::Set)
}

/// Whether `type.name` of the builtin type `kind` is a slot wrapper (whose
/// descriptor errors CPython words "requires a 'int' object"), not a
/// method descriptor ("for 'list' objects doesn't apply").
pub fn is_slot_wrapper(kind: TypeKind, name: &str) -> bool {
    use TypeKind as K;
    if !(name.starts_with("__") && name.ends_with("__")) {
        return false;
    }
    match name {
        "__ceil__" | "__floor__" | "__format__" | "__getnewargs__" | "__round__" | "__sizeof__"
        | "__trunc__" | "__reversed__" | "__bytes__" | "__complex__" | "__reduce__"
        | "__reduce_ex__" | "__dir__" | "__getstate__" | "__alloc__" | "__class_getitem__"
        | "__init_subclass__" | "__subclasshook__" | "__new__" | "__subclasses__"
        | "__instancecheck__" | "__subclasscheck__" | "__setstate__" | "__enter__" | "__exit__" => {
            false
        }
        "__getitem__" => !matches!(kind, K::List | K::Dict),
        "__contains__" => !matches!(kind, K::Dict | K::Set | K::FrozenSet),
        _ => true,
    }
}

/// The data attributes `dir()` lists for a builtin type, besides its
/// methods (`__class__` for every type; the numbers' `real`...).
pub fn data_attrs(kind: TypeKind) -> &'static [&'static str] {
    use TypeKind as K;
    match kind {
        K::Object => &["__class__"],
        K::Int | K::Bool => &["real", "imag", "numerator", "denominator"],
        K::Float => &["real", "imag"],
        K::Native(NativeKind::Complex) => &["real", "imag"],
        K::List | K::Dict | K::Set => &["__hash__"],
        _ => &[],
    }
}

// ---- arguments ----

fn no_keywords<S: LockStrategy>(vm: &Vm<S>, name: &str, args: &Args<S>) -> PyResult<S, ()> {
    match args.kw.is_empty() {
        true => Ok(()),
        false => Err(vm.type_error(format!("wrapper {name}() takes no keyword arguments"))),
    }
}

/// The wrapper's arguments after the receiver, exactly `n` of them, with
/// CPython's "expected 1 argument, got 0".
fn exactly<S: LockStrategy>(vm: &Vm<S>, name: &str, args: &Args<S>, n: usize) -> PyResult<S, ()> {
    no_keywords(vm, name, args)?;
    if args.pos.is_empty() {
        return Err(vm.type_error(format!("descriptor '{name}' needs an argument")));
    }
    let got = args.pos.len() - 1;
    if got == n {
        return Ok(());
    }
    let s = if n == 1 { "" } else { "s" };
    Err(vm.type_error(format!("expected {n} argument{s}, got {got}")))
}

/// A number operand as its value (an int or float subclass instance's
/// base value), anything else as it is.
fn plain<S: LockStrategy>(v: &Value<S>) -> Value<S> {
    numeric_value(v).unwrap_or_else(|| v.clone())
}

// ---- binary operators ----

/// Whether the builtin type of `this` takes `other` as the other operand
/// of `op`.
enum Takes {
    Yes,
    No,
    /// A repeat count, read through `__index__` (sequence `*`).
    Index,
}

fn takes<S: LockStrategy>(op: BinOp, this: TypeKind, other: &Value<S>, reflected: bool) -> Takes {
    use TypeKind as K;
    let other_kind = type_kind(other);
    let int = matches!(other_kind, K::Int | K::Bool);
    let yes = |b: bool| if b { Takes::Yes } else { Takes::No };
    match this {
        K::Int | K::Bool => yes(int),
        K::Float => yes(int || other_kind == K::Float),
        K::Str | K::Bytes | K::List | K::Tuple | K::Native(NativeKind::ByteArray) => match op {
            BinOp::Mul => Takes::Index,
            // `'%s'.__rmod__(x)` formats only when `x` is the format.
            BinOp::Mod if reflected => yes(other_kind == this),
            _ => Takes::Yes,
        },
        K::Set | K::FrozenSet => yes(crate::sets::is_set(other)),
        K::Dict => yes(other_kind == K::Dict),
        K::Native(_) => Takes::Yes,
        _ => Takes::No,
    }
}

fn binary<S: LockStrategy>(
    vm: &mut Vm<S>,
    op: BinOp,
    this: &Value<S>,
    other: &Value<S>,
    reflected: bool,
) -> PyResult<S> {
    let a = plain(this);
    let mut b = plain(other);
    match takes(op, type_kind(&a), &b, reflected) {
        Takes::No => return Ok(vm.interp.not_implemented()),
        Takes::Index => {
            b = ops::as_index(vm, &b)?;
            if !ops::is_int_like(&b) {
                return Err(vm.type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    type_name(&b)
                )));
            }
        }
        Takes::Yes => {}
    }
    if let (Value::Bool(x), Value::Bool(y)) = (&a, &b) {
        // bool's own `&`, `|`, `^` keep the result a bool.
        match op {
            BinOp::And => return Ok(Value::Bool(x & y)),
            BinOp::Or => return Ok(Value::Bool(x | y)),
            BinOp::Xor => return Ok(Value::Bool(x ^ y)),
            _ => {}
        }
    }
    let (x, y) = if reflected { (&b, &a) } else { (&a, &b) };
    let result = match crate::types::slots(&a) {
        Some((_, n)) => n.binary(vm, op, x, y)?,
        None => ops::binary_op_native(vm, op, x, y)?,
    };
    Ok(result.unwrap_or_else(|| vm.interp.not_implemented()))
}

/// `x.__add__(y)` and the other forward operators; `__pow__` takes an
/// optional modulus.
fn forward<S: LockStrategy, const I: usize>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let op = BINARY[I];
    let name = ops::binop_dunders(op).0;
    if op == BinOp::Pow {
        return pow(vm, args, false);
    }
    exactly(vm, name, &args, 1)?;
    binary(vm, op, &args.pos[0], &args.pos[1], false)
}

/// `x.__radd__(y)`: `y + x` as `x`'s type computes it.
fn reflected<S: LockStrategy, const I: usize>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let op = BINARY[I];
    let name = ops::binop_dunders(op).1;
    if op == BinOp::Pow {
        return pow(vm, args, true);
    }
    exactly(vm, name, &args, 1)?;
    binary(vm, op, &args.pos[0], &args.pos[1], true)
}

/// `x.__pow__(y[, z])`, `x.__rpow__(y[, z])`.
fn pow<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>, reflected: bool) -> PyResult<S> {
    let name = if reflected { "__rpow__" } else { "__pow__" };
    no_keywords(vm, name, &args)?;
    let got = args.pos.len().saturating_sub(1);
    if got == 0 {
        return Err(vm.type_error(" expected at least 1 argument, got 0"));
    }
    if got > 2 {
        return Err(vm.type_error(format!(" expected at most 2 arguments, got {got}")));
    }
    match args.pos.get(2) {
        Some(m) if !matches!(m, Value::None) => {
            let (a, b) = (plain(&args.pos[0]), plain(&args.pos[1]));
            if !matches!(takes(BinOp::Pow, type_kind(&a), &b, reflected), Takes::Yes) {
                return Ok(vm.interp.not_implemented());
            }
            let (x, y) = if reflected { (b, a) } else { (a, b) };
            call_builtin(vm, "pow", vec![x, y, m.clone()])
        }
        _ => binary(vm, BinOp::Pow, &args.pos[0], &args.pos[1], reflected),
    }
}

/// `x.__iadd__(y)`: the in-place operator of a mutable builtin type.
fn inplace<S: LockStrategy, const I: usize>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let op = BINARY[I];
    exactly(vm, ops::binop_dunders(op).2, &args, 1)?;
    let (this, other) = (&args.pos[0], &args.pos[1]);
    let result = match this.payload() {
        Some(Payload::List(cell)) => {
            let o = this.obj().expect("a list is an object");
            crate::types::list::inplace(vm, op, o, cell, other)?
        }
        Some(Payload::Dict(_)) if op == BinOp::Or => {
            ops::dict_update_from(vm, this.obj().expect("a dict is an object"), other)?;
            Some(this.clone())
        }
        _ => match crate::types::slots(this) {
            Some((o, n)) => n.inplace(vm, op, o, other)?,
            None => crate::sets::inplace_op(vm, op, this, other)?,
        },
    };
    Ok(result.unwrap_or_else(|| vm.interp.not_implemented()))
}

/// `divmod(x, y)` as `x.__divmod__(y)`.
fn divmod<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    divmod_either(vm, args, false)
}

fn rdivmod<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    divmod_either(vm, args, true)
}

fn divmod_either<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>, reflected: bool) -> PyResult<S> {
    let name = if reflected {
        "__rdivmod__"
    } else {
        "__divmod__"
    };
    exactly(vm, name, &args, 1)?;
    let (a, b) = (plain(&args.pos[0]), plain(&args.pos[1]));
    if !matches!(
        takes(BinOp::FloorDiv, type_kind(&a), &b, reflected),
        Takes::Yes
    ) {
        return Ok(vm.interp.not_implemented());
    }
    let (x, y) = if reflected { (b, a) } else { (a, b) };
    call_builtin(vm, "divmod", vec![x, y])
}

/// `x.__round__([ndigits])` of a number.
fn round<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    crate::builtins::arity(vm, "__round__", &args, 1, 2)?;
    let mut pos = vec![plain(&args.pos[0])];
    pos.extend(args.pos.get(1).cloned());
    call_builtin(vm, "round", pos)
}

/// `x.__format__(spec)` of a number or str: its builtin formatting.
fn format<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    crate::builtins::arity(vm, "__format__", &args, 2, 2)?;
    let spec = ops::expect_str(vm, &args.pos[1], "format() argument 2")?.to_string();
    let value = match &args.pos[0] {
        v @ Value::Obj(_) if crate::classes::user_class_of(v).is_some() => {
            match numeric_value(v) {
                Some(n) => n,
                // A str subclass instance: its text.
                None => ops::new_str(v.as_str().unwrap_or_default()),
            }
        }
        v => v.clone(),
    };
    let text = crate::fmt::format_value(vm, &value, &spec)?;
    Ok(vm.new_str(text))
}

/// A builtin function (`pow`, `divmod`, `round`) called on plain values.
fn call_builtin<S: LockStrategy>(vm: &mut Vm<S>, name: &str, args: Vec<Value<S>>) -> PyResult<S> {
    let key = vm.new_str(name);
    let f = ops::dict_get(&vm.interp.builtins, &key)
        .ok_or_else(|| vm.new_error("NameError", format!("name '{name}' is not defined")))?;
    vm.call(&f, args)
}

// ---- comparisons ----

/// `x.__lt__(y)` and the other rich comparisons: NotImplemented unless `y`
/// is of a type `x`'s type compares with.
fn compare<S: LockStrategy, const I: usize>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    use TypeKind as K;
    let (op, name) = COMPARE[I];
    exactly(vm, name, &args, 1)?;
    let (a, b) = (plain(&args.pos[0]), plain(&args.pos[1]));
    let (ka, kb) = (type_kind(&a), type_kind(&b));
    let int = |k| matches!(k, K::Int | K::Bool);
    let equality = matches!(op, CmpOp::Eq | CmpOp::Ne);
    if let Some((o, n)) = crate::types::slots(&a) {
        let r = match op {
            CmpOp::Eq => n.eq(o, &b),
            CmpOp::Ne => n.eq(o, &b).map(|e| !e),
            _ => n.order(vm, o, &b)?.map(|ord| ops::cmp_ord(op, ord)),
        };
        return Ok(r.map_or_else(|| vm.interp.not_implemented(), Value::Bool));
    }
    let takes = match ka {
        K::Int | K::Bool => int(kb),
        K::Float => int(kb) || kb == K::Float,
        K::Set | K::FrozenSet => crate::sets::is_set(&b),
        K::Dict | K::Range => equality && ka == kb,
        _ => ka == kb,
    };
    if !takes {
        return Ok(vm.interp.not_implemented());
    }
    Ok(Value::Bool(ops::compare_native(vm, op, &a, &b)?))
}

// ---- unary slots and conversions ----

fn unary<S: LockStrategy, const I: usize>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let name = UNARY[I];
    exactly(vm, name, &args, 0)?;
    let this = &args.pos[0];
    if let Some((o, n)) = crate::types::slots(this) {
        use crate::types::Unary as U;
        let op = match name {
            "__neg__" => U::Neg,
            "__pos__" => U::Pos,
            "__abs__" => U::Abs,
            "__invert__" => U::Invert,
            _ => return Ok(Value::Bool(n.truthy(o))),
        };
        return Ok(n
            .unary(vm, op, o)?
            .unwrap_or_else(|| vm.interp.not_implemented()));
    }
    let v = plain(this);
    match name {
        "__neg__" => ops::unary_neg(vm, &v),
        "__pos__" => ops::unary_pos(vm, &v),
        "__abs__" => ops::abs(vm, &v),
        "__invert__" => ops::unary_invert(vm, &v),
        "__bool__" => Ok(Value::Bool(ops::truthy(vm, &v)?)),
        "__float__" => match crate::types::float::to_f64(vm, &v)? {
            Some(f) => Ok(Value::Float(f)),
            None => Err(vm.type_error("must be real number")),
        },
        "__getnewargs__" => {
            let copy = match v.payload() {
                Some(Payload::Str(s)) => ops::new_str(s.as_str()),
                Some(Payload::Bytes(b)) => Value::Obj(crate::object::ObjRef::new(Payload::Bytes(
                    b.to_vec().into_boxed_slice(),
                ))),
                Some(Payload::Tuple(items)) => ops::new_tuple(items.to_vec()),
                _ => int_value(vm, &v, name)?,
            };
            Ok(ops::new_tuple(vec![copy]))
        }
        // `__int__`, `__index__`, `__trunc__`, `__floor__`, `__ceil__`.
        _ => int_value(vm, &v, name),
    }
}

/// The int a number converts to: itself for an int (a bool as 0 or 1), a
/// float truncated, floored or ceiled as `how` says.
fn int_value<S: LockStrategy>(vm: &Vm<S>, v: &Value<S>, how: &str) -> PyResult<S> {
    match v {
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Float(f) => {
            let g = match how {
                "__floor__" => f.floor(),
                "__ceil__" => f.ceil(),
                "__getnewargs__" => return Ok(Value::Float(*f)),
                _ => f.trunc(),
            };
            if g.is_nan() {
                return Err(vm.value_error("cannot convert float NaN to integer"));
            }
            match BigInt::from_f64(g) {
                Some(i) => Ok(ops::int_from_big(i)),
                None => {
                    Err(vm.new_error("OverflowError", "cannot convert float infinity to integer"))
                }
            }
        }
        _ => match ops::to_big(v) {
            Some(i) => Ok(ops::int_from_big(i)),
            None => Err(vm.type_error(format!(
                "descriptor '{how}' requires a 'int' object but received a '{}'",
                type_name(v)
            ))),
        },
    }
}

// ---- str, repr, hash ----

fn repr<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    exactly(vm, "__repr__", &args, 0)?;
    let text = crate::repr::repr_native(vm, &args.pos[0])?;
    Ok(vm.new_str(text))
}

fn hash<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    exactly(vm, "__hash__", &args, 0)?;
    Ok(Value::Int(crate::dict::native_py_hash(vm, &args.pos[0])?))
}

/// `str.__str__`: the text, as an exact str.
fn str_str<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    exactly(vm, "__str__", &args, 0)?;
    Ok(ops::new_str(args.pos[0].as_str().unwrap_or_default()))
}

/// `BaseException.__str__`: the argument, or the arguments' tuple.
fn exception_str<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    exactly(vm, "__str__", &args, 0)?;
    let Some(o) = args.pos[0].obj() else {
        return Err(vm.type_error("descriptor '__str__' requires a 'BaseException' object"));
    };
    if !matches!(o.payload(), Payload::Exception(_)) {
        return Err(vm.type_error(format!(
            "descriptor '__str__' requires a 'BaseException' object but received a '{}'",
            type_name(&args.pos[0])
        )));
    }
    if let Some(text) = crate::exceptions::group_str(vm, &args.pos[0])? {
        return Ok(vm.new_str(text));
    }
    let items = crate::interp::exception_args(o);
    let text = match items.len() {
        0 => String::new(),
        1 if crate::interp::is_instance_of(vm, &args.pos[0], "KeyError") => {
            crate::repr::repr(vm, &items[0])?
        }
        1 => crate::repr::to_str(vm, &items[0])?,
        _ => crate::repr::repr(vm, &ops::new_tuple(items))?,
    };
    Ok(vm.new_str(text))
}

/// `object.__init__`: nothing to do, and CPython's TypeError for
/// arguments unless the class overrides `__new__` but not `__init__` (the
/// arguments were `__new__`'s). An exception keeps its arguments.
fn object_init<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let Some(this) = args.pos.first() else {
        return Err(vm.type_error("descriptor '__init__' of 'object' object needs an argument"));
    };
    let extra = args.pos.len() > 1 || !args.kw.is_empty();
    if !extra || matches!(this.payload(), Some(Payload::Exception(_))) {
        return crate::builtins::object_init(vm, args);
    }
    if let Some(class) = crate::classes::user_class_of(this) {
        let overrides = |name: &str| {
            let key = vm.new_str(name);
            crate::classes::class_lookup(&class, &key).is_some()
        };
        let (init, new) = (overrides("__init__"), overrides("__new__"));
        if init {
            return Err(vm.type_error(
                "object.__init__() takes exactly one argument (the instance to initialize)",
            ));
        }
        if !new {
            return Err(vm.type_error(format!(
                "{}.__init__() takes exactly one argument (the instance to initialize)",
                type_name(this)
            )));
        }
    }
    Ok(Value::None)
}

/// `object.__str__`: `repr(obj)`, which a class's `__repr__` decides.
fn object_str<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    exactly(vm, "__str__", &args, 0)?;
    let text = crate::repr::repr(vm, &args.pos[0])?;
    Ok(vm.new_str(text))
}

/// `object.__repr__`: `<__main__.A object at 0x...>` for an instance of a
/// user class, the builtin repr for the runtime's own objects.
fn object_repr<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    exactly(vm, "__repr__", &args, 0)?;
    let v = &args.pos[0];
    let text = match crate::classes::user_class_of(v) {
        Some(_) => crate::repr::default_repr(vm, v),
        None => crate::repr::repr(vm, v)?,
    };
    Ok(vm.new_str(text))
}

/// `object.__format__(spec)`: `str(obj)` for the empty spec, a TypeError
/// for any other.
fn object_format<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    crate::builtins::arity(vm, "__format__", &args, 2, 2)?;
    let v = &args.pos[0];
    let spec = ops::expect_str(vm, &args.pos[1], "__format__() argument")?.to_string();
    if crate::classes::user_class_of(v).is_none() {
        let text = crate::fmt::format_value(vm, v, &spec)?;
        return Ok(vm.new_str(text));
    }
    if let Some(n) = numeric_value(v) {
        let text = crate::fmt::format_value(vm, &n, &spec)?;
        return Ok(vm.new_str(text));
    }
    if !spec.is_empty() {
        return Err(vm.type_error(format!(
            "unsupported format string passed to {}.__format__",
            type_name(v)
        )));
    }
    let text = crate::repr::to_str(vm, v)?;
    Ok(vm.new_str(text))
}

/// `object.__subclasshook__`: NotImplemented (the ABCs override it).
fn object_subclasshook<S: LockStrategy>(vm: &mut Vm<S>, _args: Args<S>) -> PyResult<S> {
    Ok(vm.interp.not_implemented())
}

/// `object.__dir__`: the names `dir(obj)` lists.
fn object_dir<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    exactly(vm, "__dir__", &args, 0)?;
    call_builtin(vm, "dir", vec![args.pos[0].clone()])
}

/// `object.__getstate__`: the instance's `__dict__` when it holds
/// anything, else None (what `copy` and `pickle` save of the object).
fn object_getstate<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    exactly(vm, "__getstate__", &args, 0)?;
    let dict = args.pos[0].obj().and_then(crate::classes::instance_dict);
    Ok(match dict {
        Some(d) if ops::dict_len(&Value::Obj(d.clone())) > 0 => Value::Obj(d),
        _ => Value::None,
    })
}

// ---- iterators ----

/// `it.__next__()` of a builtin iterator: its next item, or StopIteration.
pub(crate) fn iterator_next<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    exactly(vm, "__next__", &args, 0)?;
    // A native iterator's own step, not a subclass's `__next__` (which is
    // what calls this, through `super().__next__()`).
    let step = match (args.pos[0].obj(), args.pos[0].payload()) {
        (Some(o), Some(Payload::Native(n))) if n.is_iterator() => n.next(vm, o)?,
        _ => ops::iter_next(vm, &args.pos[0])?,
    };
    match step {
        Some(v) => Ok(v),
        None => Err(crate::vm::PyErr {
            exc: crate::interp::new_exception_obj(
                vm.interp.exceptions["StopIteration"].clone(),
                Box::new([]),
            ),
        }),
    }
}

/// `it.__length_hint__()` of a builtin iterator: how many items are left
/// (CPython's `listiter_len`, `rangeiter_len`, `dictiter_len`...; 0 once
/// exhausted). The combinators, which have none in CPython, answer
/// `NotImplemented` (no hint).
fn iterator_length_hint<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    use crate::object::IterState;
    exactly(vm, "__length_hint__", &args, 0)?;
    let Some(o) = args.pos[0].obj() else {
        return Err(vm.type_error("descriptor '__length_hint__' requires an iterator"));
    };
    let Payload::Iter(cell) = o.payload() else {
        return Err(vm.type_error(format!(
            "descriptor '__length_hint__' doesn't apply to a '{}' object",
            type_name(&args.pos[0])
        )));
    };
    enum Left<S: LockStrategy> {
        Known(usize),
        Big(num_bigint::BigInt),
        Seq(crate::object::ObjRef<S>, usize),
        Unknown,
    }
    let left = cell.with::<S, _>(&o.header, |state| match state {
        IterState::Range { next, stop, step } => {
            let (next, stop, step) = (*next as i128, *stop as i128, *step as i128);
            let n = if step > 0 && next < stop {
                (stop - next + step - 1) / step
            } else if step < 0 && next > stop {
                (next - stop - step - 1) / -step
            } else {
                0
            };
            Left::Known(n as usize)
        }
        IterState::BigRange(r) => {
            use num_traits::Signed;
            let zero = num_bigint::BigInt::from(0);
            let n = if r.step.is_positive() && r.start < r.stop {
                (&r.stop - &r.start + &r.step - 1) / &r.step
            } else if r.step.is_negative() && r.start > r.stop {
                (&r.start - &r.stop - &r.step - 1) / -&r.step
            } else {
                zero
            };
            Left::Big(n)
        }
        IterState::Seq { seq, index, .. } => Left::Seq(seq.clone(), *index),
        IterState::Str { s, byte_pos } => match s.payload() {
            Payload::Str(text) => Left::Known(
                text.as_str()
                    .get(*byte_pos..)
                    .map_or(0, |t| t.chars().count()),
            ),
            _ => Left::Known(0),
        },
        IterState::Dict { len, index, .. } => Left::Known(len.saturating_sub(*index)),
        IterState::Exhausted => Left::Known(0),
        _ => Left::Unknown,
    });
    Ok(match left {
        Left::Known(n) => Value::Int(n as i64),
        Left::Big(n) => ops::int_from_big(n),
        // The sequence is read outside the iterator's lock.
        Left::Seq(seq, index) => {
            let len = ops::len(vm, &Value::Obj(seq))?;
            Value::Int(len.saturating_sub(index) as i64)
        }
        Left::Unknown => vm.interp.singletons().not_implemented.clone(),
    })
}

/// `it.__iter__()` of a builtin iterator: the iterator itself.
fn iterator_iter<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    exactly(vm, "__iter__", &args, 0)?;
    Ok(args.pos[0].clone())
}
