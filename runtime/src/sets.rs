//! `set` and `frozenset`: constructors, operators and methods. The elements
//! are the keys of an insertion-ordered map (values unused), hashed and
//! compared as dict keys are.

use crate::builtins::arity;
use crate::code::BinOp;
use crate::dict::{new_map, DictKey, DictMap, Unshared};
use crate::object::{NativeFn, ObjCell, ObjRef, Payload, TypeKind, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{key_of, Args, PyErr, PyResult, Vm};

pub fn new_set<S: LockStrategy>(items: DictMap<S>, frozen: bool) -> Value<S> {
    Value::Obj(ObjRef::new(Payload::Set {
        items: ObjCell::new(items),
        frozen,
    }))
}

/// Whether a value is a set or frozenset.
pub fn is_set<S: LockStrategy>(v: &Value<S>) -> bool {
    matches!(v.payload(), Some(Payload::Set { .. }))
}

/// The elements of a set, in order.
pub fn elements<S: LockStrategy>(v: &Value<S>) -> Vec<Value<S>> {
    match v {
        Value::Obj(o) => match &o.payload {
            Payload::Set { items, .. } => {
                items.with::<S, _>(&o.header, |m| m.keys().map(|k| k.key.clone()).collect())
            }
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// Builds the element map of an iterable.
pub fn map_of<S: LockStrategy>(vm: &mut Vm<S>, iterable: &Value<S>) -> PyResult<S, DictMap<S>> {
    let mut m = new_map();
    for item in ops::iterate(vm, iterable)? {
        let k = key_of(vm, item)?;
        crate::dict::add(vm, &mut Unshared(&mut m), k)?;
    }
    Ok(m)
}

/// Adds an element to a map that is not shared yet.
fn add_to<S: LockStrategy>(vm: &mut Vm<S>, m: &mut DictMap<S>, k: DictKey<S>) -> PyResult<S, ()> {
    crate::dict::add(vm, &mut Unshared(m), k).map(drop)
}

fn contains_key<S: LockStrategy>(
    vm: &mut Vm<S>,
    set: &Value<S>,
    key: DictKey<S>,
) -> PyResult<S, bool> {
    match set {
        Value::Obj(o) => match &o.payload {
            Payload::Set { items, .. } => crate::dict::contains(vm, items, &o.header, key),
            _ => Ok(false),
        },
        _ => Ok(false),
    }
}

pub fn contains<S: LockStrategy>(
    vm: &mut Vm<S>,
    set: &Value<S>,
    item: &Value<S>,
) -> PyResult<S, bool> {
    let key = key_of(vm, item.clone())?;
    contains_key(vm, set, key)
}

fn is_frozen<S: LockStrategy>(v: &Value<S>) -> bool {
    matches!(v.payload(), Some(Payload::Set { frozen: true, .. }))
}

/// `set(iterable)` / `frozenset(iterable)`.
pub fn construct<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>, frozen: bool) -> PyResult<S> {
    arity(vm, if frozen { "frozenset" } else { "set" }, &args, 0, 1)?;
    let m = match args.pos.first() {
        Some(it) => map_of(vm, it)?,
        None => new_map(),
    };
    Ok(new_set(m, frozen))
}

/// `a | b`, `a & b`, `a - b`, `a ^ b` on sets; None for other operators.
pub fn binary_op<S: LockStrategy>(
    vm: &mut Vm<S>,
    op: BinOp,
    a: &Value<S>,
    b: &Value<S>,
) -> PyResult<S, Option<Value<S>>> {
    if !is_set(a) || !is_set(b) {
        return Ok(None);
    }
    let frozen = is_frozen(a);
    let mut out = new_map();
    let keyed = |vm: &mut Vm<S>, v: Value<S>| key_of(vm, v);
    match op {
        BinOp::Or => {
            for e in elements(a).into_iter().chain(elements(b)) {
                let k = keyed(vm, e)?;
                add_to(vm, &mut out, k)?;
            }
        }
        BinOp::And => {
            for e in elements(a) {
                let k = keyed(vm, e.clone())?;
                if contains_key(vm, b, k)? {
                    let k = keyed(vm, e)?;
                    add_to(vm, &mut out, k)?;
                }
            }
        }
        BinOp::Sub => {
            for e in elements(a) {
                let k = keyed(vm, e.clone())?;
                if !contains_key(vm, b, k)? {
                    let k = keyed(vm, e)?;
                    add_to(vm, &mut out, k)?;
                }
            }
        }
        BinOp::Xor => {
            for (x, y) in [(a, b), (b, a)] {
                for e in elements(x) {
                    let k = keyed(vm, e.clone())?;
                    if !contains_key(vm, y, k)? {
                        let k = keyed(vm, e)?;
                        add_to(vm, &mut out, k)?;
                    }
                }
            }
        }
        _ => return Ok(None),
    }
    Ok(Some(new_set(out, frozen)))
}

/// Whether every element of `a` is in `b`.
pub fn subset<S: LockStrategy>(vm: &mut Vm<S>, a: &Value<S>, b: &Value<S>) -> PyResult<S, bool> {
    for e in elements(a) {
        let k = key_of(vm, e)?;
        if !contains_key(vm, b, k)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// `repr` of a set: `{1, 2}`, `set()`, `frozenset({1})`.
pub fn repr<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, String> {
    let items = elements(v);
    let frozen = is_frozen(v);
    if items.is_empty() {
        return Ok(if frozen {
            "frozenset()".into()
        } else {
            "set()".into()
        });
    }
    let mut parts = Vec::with_capacity(items.len());
    for i in &items {
        parts.push(crate::repr::repr(vm, i)?);
    }
    let inner = format!("{{{}}}", parts.join(", "));
    Ok(if frozen {
        format!("frozenset({inner})")
    } else {
        inner
    })
}

pub fn methods<S: LockStrategy>() -> Vec<(TypeKind, &'static str, NativeFn<S>)> {
    let mut v: Vec<(TypeKind, &'static str, NativeFn<S>)> = vec![
        (TypeKind::Set, "add", set_add),
        (TypeKind::Set, "remove", set_remove),
        (TypeKind::Set, "discard", set_discard),
        (TypeKind::Set, "pop", set_pop),
        (TypeKind::Set, "clear", set_clear),
        (TypeKind::Set, "update", set_update),
        (
            TypeKind::Set,
            "intersection_update",
            set_intersection_update,
        ),
        (TypeKind::Set, "difference_update", set_difference_update),
        (
            TypeKind::Set,
            "symmetric_difference_update",
            set_symmetric_difference_update,
        ),
    ];
    for kind in [TypeKind::Set, TypeKind::FrozenSet] {
        v.extend([
            (kind, "union", set_union as NativeFn<S>),
            (kind, "intersection", set_intersection),
            (kind, "difference", set_difference),
            (kind, "symmetric_difference", set_symmetric_difference),
            (kind, "issubset", set_issubset),
            (kind, "issuperset", set_issuperset),
            (kind, "isdisjoint", set_isdisjoint),
            (kind, "copy", set_copy),
        ]);
    }
    v
}

/// The elements of a set receiver, reached under its lock.
fn locked<S: LockStrategy>(v: &Value<S>) -> crate::dict::Locked<'_, S> {
    let o = v.obj().expect("set receiver");
    match &o.payload {
        Payload::Set { items, .. } => crate::dict::Locked {
            cell: items,
            header: &o.header,
        },
        _ => unreachable!("set method on a set"),
    }
}

fn with_items<S: LockStrategy, R>(v: &Value<S>, f: impl FnOnce(&mut DictMap<S>) -> R) -> R {
    let o = v.obj().expect("set receiver");
    match &o.payload {
        Payload::Set { items, .. } => items.with::<S, _>(&o.header, f),
        _ => unreachable!("set method on a set"),
    }
}

fn key_error<S: LockStrategy>(vm: &Vm<S>, key: Value<S>) -> PyErr<S> {
    PyErr {
        exc: crate::interp::new_exception_obj(
            vm.interp.exceptions["KeyError"].clone(),
            Box::new([key]),
        ),
    }
}

fn set_add<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "add", &args, 2, 2)?;
    let k = key_of(vm, args.pos[1].clone())?;
    crate::dict::add(vm, &mut locked(&args.pos[0]), k)?;
    Ok(Value::None)
}

fn set_remove<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "remove", &args, 2, 2)?;
    let k = key_of(vm, args.pos[1].clone())?;
    let removed = crate::dict::remove(vm, &mut locked(&args.pos[0]), k)?;
    match removed {
        Some(_) => Ok(Value::None),
        None => Err(key_error(vm, args.pos[1].clone())),
    }
}

fn set_discard<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "discard", &args, 2, 2)?;
    let k = key_of(vm, args.pos[1].clone())?;
    let removed = crate::dict::remove(vm, &mut locked(&args.pos[0]), k)?;
    drop(removed);
    Ok(Value::None)
}

fn set_pop<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "pop", &args, 1, 1)?;
    match with_items(&args.pos[0], |m| m.shift_remove_index(0)) {
        Some((k, _)) => Ok(k.key),
        None => Err(key_error(vm, vm.new_str("pop from an empty set"))),
    }
}

fn set_clear<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "clear", &args, 1, 1)?;
    let old = with_items(&args.pos[0], std::mem::take);
    drop(old);
    Ok(Value::None)
}

fn set_update<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    for other in &args.pos[1..] {
        let m = map_of(vm, other)?;
        for (k, _) in m {
            crate::dict::add(vm, &mut locked(&args.pos[0]), k)?;
        }
    }
    Ok(Value::None)
}

/// `s.method(*iterables)` through the matching operator.
fn fold<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>, op: BinOp) -> PyResult<S> {
    let frozen = is_frozen(&args.pos[0]);
    let mut acc = new_set(map_of(vm, &args.pos[0])?, frozen);
    for other in &args.pos[1..] {
        let other = new_set(map_of(vm, other)?, frozen);
        acc = binary_op(vm, op, &acc, &other)?.expect("sets");
    }
    Ok(acc)
}

/// `s.op_update(*others)`: `s` becomes `s op others...`.
fn update_with<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>, op: BinOp) -> PyResult<S> {
    let receiver = args.pos[0].clone();
    let result = fold(vm, args, op)?;
    let new_items = match &result {
        Value::Obj(o) => match &o.payload {
            Payload::Set { items, .. } => items.with::<S, _>(&o.header, std::mem::take),
            _ => new_map(),
        },
        _ => new_map(),
    };
    let old = with_items(&receiver, |m| std::mem::replace(m, new_items));
    drop(old);
    Ok(Value::None)
}

fn set_intersection_update<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    update_with(vm, args, BinOp::And)
}

fn set_difference_update<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    update_with(vm, args, BinOp::Sub)
}

fn set_symmetric_difference_update<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "symmetric_difference_update", &args, 2, 2)?;
    update_with(vm, args, BinOp::Xor)
}

fn set_union<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    fold(vm, args, BinOp::Or)
}

fn set_intersection<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    fold(vm, args, BinOp::And)
}

fn set_difference<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    fold(vm, args, BinOp::Sub)
}

fn set_symmetric_difference<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "symmetric_difference", &args, 2, 2)?;
    fold(vm, args, BinOp::Xor)
}

fn other_set<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S> {
    Ok(new_set(map_of(vm, v)?, false))
}

fn set_issubset<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "issubset", &args, 2, 2)?;
    let other = other_set(vm, &args.pos[1])?;
    Ok(Value::Bool(subset(vm, &args.pos[0], &other)?))
}

fn set_issuperset<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "issuperset", &args, 2, 2)?;
    let other = other_set(vm, &args.pos[1])?;
    Ok(Value::Bool(subset(vm, &other, &args.pos[0])?))
}

fn set_isdisjoint<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "isdisjoint", &args, 2, 2)?;
    let other = other_set(vm, &args.pos[1])?;
    let both = binary_op(vm, BinOp::And, &args.pos[0], &other)?.expect("sets");
    Ok(Value::Bool(elements(&both).is_empty()))
}

fn set_copy<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "copy", &args, 1, 1)?;
    let frozen = is_frozen(&args.pos[0]);
    Ok(new_set(map_of(vm, &args.pos[0])?, frozen))
}

/// Type name of a set value.
pub fn type_name_of<S: LockStrategy>(v: &Value<S>) -> &'static str {
    if is_frozen(v) {
        "frozenset"
    } else {
        "set"
    }
}
