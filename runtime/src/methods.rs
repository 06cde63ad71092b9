//! Methods of builtin types (`list.append`, `dict.get`, `str.split`...).
//! Each takes the receiver as its first positional argument.

use crate::builtins::arity;
use crate::object::{DictViewKind, NativeFn, ObjRef, Payload, TypeKind, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyErr, PyResult, Vm};

/// Every builtin method, by receiver type and name.
pub fn all<S: LockStrategy>() -> Vec<(TypeKind, &'static str, NativeFn<S>)> {
    let mut v: Vec<(TypeKind, &'static str, NativeFn<S>)> = vec![
        (TypeKind::Tuple, "index", crate::types::list::index),
        (TypeKind::Object, "__eq__", object_eq),
        (
            TypeKind::Module,
            "__init__",
            crate::modules::import::module_init,
        ),
        (TypeKind::Object, "__new__", crate::classes::object_new),
        (
            TypeKind::Object,
            "__getattribute__",
            crate::classes::object_getattribute,
        ),
        (
            TypeKind::Object,
            "__init_subclass__",
            crate::classes::object_init_subclass,
        ),
        (TypeKind::Object, "__ne__", object_ne),
        (TypeKind::Object, "__lt__", object_order),
        (TypeKind::Object, "__le__", object_order),
        (TypeKind::Object, "__gt__", object_order),
        (TypeKind::Object, "__ge__", object_order),
        (TypeKind::Object, "__hash__", object_hash),
        (TypeKind::Object, "__setattr__", object_setattr),
        (TypeKind::Object, "__delattr__", object_delattr),
        (TypeKind::Tuple, "count", crate::types::list::count),
        (TypeKind::Dict, "get", dict_get),
        (TypeKind::Dict, "keys", dict_keys),
        (TypeKind::Dict, "values", dict_values),
        (TypeKind::Dict, "items", dict_items),
        (TypeKind::Dict, "pop", dict_pop),
        (TypeKind::Dict, "popitem", dict_popitem),
        (TypeKind::Dict, "fromkeys", dict_fromkeys),
        (TypeKind::Dict, "setdefault", dict_setdefault),
        (TypeKind::Dict, "update", dict_update),
        (TypeKind::Dict, "clear", dict_clear),
        (TypeKind::Dict, "copy", dict_copy),
        (
            TypeKind::Exception,
            "with_traceback",
            crate::exceptions::with_traceback,
        ),
    ];
    v.extend([
        (TypeKind::Generator, "send", gen_send as NativeFn<S>),
        (TypeKind::Generator, "throw", gen_throw),
        (TypeKind::Generator, "close", gen_close),
        (TypeKind::Generator, "__next__", gen_next),
        // A coroutine is driven by `send`, as a generator (what an event
        // loop calls), never by `next`.
        (TypeKind::Coroutine, "send", gen_send),
        (TypeKind::Coroutine, "throw", gen_throw),
        (TypeKind::Coroutine, "close", gen_close),
        (
            TypeKind::Coroutine,
            "__await__",
            crate::types::coroutine_wrapper::coroutine_await,
        ),
        (
            TypeKind::AsyncGenerator,
            "__aiter__",
            crate::types::async_gen::agen_aiter,
        ),
        (
            TypeKind::AsyncGenerator,
            "__anext__",
            crate::types::async_gen::agen_anext,
        ),
        (
            TypeKind::AsyncGenerator,
            "asend",
            crate::types::async_gen::agen_asend,
        ),
        (
            TypeKind::AsyncGenerator,
            "athrow",
            crate::types::async_gen::agen_athrow,
        ),
        (
            TypeKind::AsyncGenerator,
            "aclose",
            crate::types::async_gen::agen_aclose,
        ),
    ]);
    // Construction of the types that classes may derive from (see
    // `crate::subclass`); `Thread.__init__` is with Thread's methods.
    v.extend([
        (
            TypeKind::Dict,
            "__init__",
            crate::subclass::dict_init as NativeFn<S>,
        ),
        (TypeKind::Set, "__init__", crate::subclass::set_init),
    ]);
    for kind in [
        TypeKind::List,
        TypeKind::Dict,
        TypeKind::Set,
        TypeKind::FrozenSet,
        TypeKind::Tuple,
        TypeKind::Str,
        TypeKind::Bytes,
        TypeKind::Thread,
        TypeKind::Socket,
        TypeKind::Queue,
        TypeKind::Int,
        TypeKind::Float,
    ] {
        v.push((kind, "__new__", crate::subclass::builtin_new));
    }
    for native in crate::types::NativeKind::ALL {
        let kind = TypeKind::Native(native);
        let spec = native.spec::<S>();
        match spec.base {
            crate::types::Base::No | crate::types::Base::Refused => {}
            crate::types::Base::BuiltByNew => {
                v.push((kind, "__new__", crate::subclass::builtin_new))
            }
            crate::types::Base::FilledByInit { init, .. } => {
                v.push((kind, "__new__", crate::subclass::builtin_new));
                v.push((kind, "__init__", init));
            }
        }
        v.push((kind, "__repr__", dunder_repr));
        v.push((kind, "__hash__", dunder_hash));
        // By name, whichever builtin types have it (`__next__`: none).
        let table = dunder_table::<S>();
        for name in spec.dunders {
            if let Some((name, f)) = table.iter().find(|(n, _)| n == name) {
                v.push((kind, *name, *f));
            }
        }
        // An iterator's `__next__` is the one every builtin iterator has.
        if spec.dunders.contains(&"__next__") {
            v.push((kind, "__next__", crate::slot_wrappers::iterator_next));
        }
    }
    v.push((TypeKind::Type, "__new__", crate::metaclass::type_new));
    v.push((TypeKind::Type, "__init__", crate::metaclass::type_init));
    v.push((TypeKind::Type, "__call__", crate::metaclass::type_call));
    v.push((
        TypeKind::Type,
        "__subclasses__",
        crate::classes::type_subclasses,
    ));
    v.extend(crate::types::list::methods::<S>());
    v.extend(dunders::<S>());
    v.extend(crate::str_methods::methods::<S>());
    v.extend(crate::sets::methods::<S>());
    v.extend(crate::types::bytes::methods::<S>());
    v.extend(crate::types::int::methods::<S>());
    v.extend(crate::types::float::methods::<S>());
    v.extend(crate::slot_wrappers::methods::<S>());
    v.extend(crate::modules::queue::methods::<S>());
    v.extend(crate::modules::socket::methods::<S>());
    v.extend(crate::modules::threading::methods::<S>());
    v
}

/// Static methods of builtin types (`str.maketrans`), and class methods
/// whose class is fixed (`dict.fromkeys`), and every `__new__` (which
/// takes the class as an argument): looked up on an instance, they are not
/// bound to it.
pub fn is_static(kind: TypeKind, name: &str) -> bool {
    name == "__new__"
        || name == "__class_getitem__"
        || matches!(
            (kind, name),
            (TypeKind::Str, "maketrans")
                | (TypeKind::Dict, "fromkeys")
                | (TypeKind::Int, "from_bytes")
                | (TypeKind::Float, "fromhex")
                | (TypeKind::Bytes, "fromhex" | "maketrans")
                | (
                    TypeKind::Native(crate::types::NativeKind::ByteArray),
                    "fromhex" | "maketrans"
                )
                | (
                    TypeKind::Native(crate::types::NativeKind::Itertools(
                        crate::types::itertools::Kind::Chain
                    )),
                    "from_iterable"
                )
        )
}

/// CPython's TypeError for a method descriptor (`int.bit_length`...)
/// applied to a receiver of another type, or called without one.
pub(crate) fn descriptor_error<S: LockStrategy>(
    vm: &Vm<S>,
    method: &str,
    owner: &str,
    got: Option<&Value<S>>,
) -> crate::vm::PyErr<S> {
    match got {
        Some(v) => vm.type_error(format!(
            "descriptor '{method}' for '{owner}' objects doesn't apply to a '{}' object",
            ops::type_name(v)
        )),
        None => vm.type_error(format!(
            "unbound method {owner}.{method}() needs an argument"
        )),
    }
}

/// A method that takes nothing but its receiver.
pub(crate) fn no_arguments<S: LockStrategy>(
    vm: &Vm<S>,
    owner: &str,
    method: &str,
    args: &Args<S>,
) -> PyResult<S, ()> {
    if !args.kw.is_empty() {
        return Err(vm.type_error(format!("{owner}.{method}() takes no keyword arguments")));
    }
    if args.pos.len() > 1 {
        return Err(vm.type_error(format!(
            "{owner}.{method}() takes no arguments ({} given)",
            args.pos.len() - 1
        )));
    }
    Ok(())
}

/// CPython's TypeError for a method of `owner` called on a receiver of
/// another type. `ops::unbound_method` and `super()` check the receiver
/// before a method runs; the methods check again where they read it, so
/// that no other way in (an embedder, a future caller) reaches a panic.
pub(crate) fn wrong_receiver<S: LockStrategy>(
    vm: &Vm<S>,
    owner: &str,
    recv: &Value<S>,
) -> PyErr<S> {
    vm.type_error(format!(
        "descriptor for '{owner}' objects doesn't apply to a '{}' object",
        ops::type_name(recv)
    ))
}

/// The receiver of a dict method and its dict; CPython's TypeError for
/// anything else.
fn recv_dict<'a, S: LockStrategy>(
    vm: &Vm<S>,
    args: &'a Args<S>,
) -> PyResult<S, (&'a ObjRef<S>, &'a crate::object::PyDict<S>)> {
    match &args.pos[0] {
        Value::Obj(o) => match o.payload() {
            Payload::Dict(d) => Ok((o, d)),
            _ => Err(wrong_receiver(vm, "dict", &args.pos[0])),
        },
        other => Err(wrong_receiver(vm, "dict", other)),
    }
}

/// The generator a generator method was called on; CPython's TypeError for
/// anything else.
fn recv_gen<'a, S: LockStrategy>(vm: &Vm<S>, g: &'a Value<S>) -> PyResult<S, &'a ObjRef<S>> {
    match g {
        Value::Obj(o) if matches!(o.payload(), Payload::Generator(_)) => Ok(o),
        other => Err(wrong_receiver(vm, "generator", other)),
    }
}

/// `object.__eq__`: identity, else NotImplemented.
fn object_eq<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "__eq__", &args, 2, 2)?;
    Ok(if args.pos[0].is(&args.pos[1]) {
        Value::Bool(true)
    } else {
        vm.interp.not_implemented()
    })
}

/// `object.__ne__`: the inverse of an identity, else NotImplemented.
fn object_ne<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "__ne__", &args, 2, 2)?;
    Ok(if args.pos[0].is(&args.pos[1]) {
        Value::Bool(false)
    } else {
        vm.interp.not_implemented()
    })
}

/// `object.__lt__` and friends: NotImplemented.
fn object_order<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "comparison", &args, 2, 2)?;
    Ok(vm.interp.not_implemented())
}

/// `object.__setattr__(obj, name, value)`: the default attribute store,
/// which a user `__setattr__` calls through `super()` or `object`.
fn object_setattr<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    arity(vm, "__setattr__", &args, 3, 3)?;
    let value = args.pos.pop().expect("three arguments");
    let name = args.pos.pop().expect("three arguments");
    if name.as_str().is_none() {
        return Err(vm.type_error(format!(
            "attribute name must be string, not '{}'",
            crate::ops::type_name(&name)
        )));
    }
    crate::classes::object_setattr(vm, &args.pos[0], name, value)?;
    Ok(Value::None)
}

/// `object.__delattr__(obj, name)`: the default attribute deletion.
fn object_delattr<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "__delattr__", &args, 2, 2)?;
    let obj = &args.pos[0];
    let key = &args.pos[1];
    if key.as_str().is_none() {
        return Err(vm.type_error(format!(
            "attribute name must be string, not '{}'",
            crate::ops::type_name(key)
        )));
    }
    crate::classes::object_delattr(vm, obj, key.clone())?;
    Ok(Value::None)
}

/// `object.__hash__`: the identity hash.
fn object_hash<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "__hash__", &args, 1, 1)?;
    Ok(Value::Int(match &args.pos[0] {
        Value::Obj(o) => crate::dict::identity_hash(o.addr()),
        other => crate::dict::py_hash(vm, other)?,
    }))
}

// ---- the dunder methods of builtin types ----
//
// `list.__len__(x)`, `super().__getitem__(i)`...: the builtin behaviour,
// never a subclass's override (which is usually the caller).

/// The builtin types that expose a dunder method `name` here.
fn dunder_kinds(name: &str) -> &'static [TypeKind] {
    use TypeKind as K;
    const SEQUENCES_AND_MAPPINGS: &[TypeKind] =
        &[K::List, K::Tuple, K::Dict, K::Str, K::Bytes, K::Range];
    const MUTABLE: &[TypeKind] = &[K::List, K::Dict];
    // The iterable types, then the numbers: all have `__repr__`.
    const REPRESENTED: &[TypeKind] = &[
        K::List,
        K::Tuple,
        K::Dict,
        K::Set,
        K::FrozenSet,
        K::Str,
        K::Bytes,
        K::Range,
        K::Int,
        K::Float,
    ];
    const ITERABLE: &[TypeKind] = REPRESENTED.split_at(REPRESENTED.len() - 2).0;
    match name {
        "__getitem__" => SEQUENCES_AND_MAPPINGS,
        "__setitem__" | "__delitem__" => MUTABLE,
        "__repr__" => REPRESENTED,
        "__hash__" => &[K::Int, K::Float, K::Str, K::Bytes, K::Tuple],
        "__len__" | "__contains__" | "__iter__" | "__eq__" | "__ne__" => ITERABLE,
        _ => &[],
    }
}

/// The protocol dunders, each with the function that answers it through
/// the operator layer (and so through a native type's slots).
fn dunder_table<S: LockStrategy>() -> [(&'static str, NativeFn<S>); 11] {
    [
        ("__hash__", dunder_hash),
        ("__getitem__", dunder_getitem),
        ("__setitem__", dunder_setitem),
        ("__delitem__", dunder_delitem),
        ("__len__", dunder_len),
        ("__contains__", dunder_contains),
        ("__iter__", dunder_iter),
        ("__next__", crate::slot_wrappers::iterator_next),
        ("__repr__", dunder_repr),
        ("__eq__", dunder_eq),
        ("__ne__", dunder_ne),
    ]
}

/// Every (type, dunder method) pair of the builtin types.
fn dunders<S: LockStrategy>() -> Vec<(TypeKind, &'static str, NativeFn<S>)> {
    dunder_table::<S>()
        .into_iter()
        .flat_map(|(name, f)| dunder_kinds(name).iter().map(move |k| (*k, name, f)))
        .collect()
}

/// `x.__len__()` of a builtin container.
fn dunder_len<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "__len__", &args, 1, 1)?;
    Ok(Value::Int(ops::len_native(vm, &args.pos[0])? as i64))
}

/// `x.__contains__(item)` of a builtin container.
fn dunder_contains<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "__contains__", &args, 2, 2)?;
    Ok(Value::Bool(ops::contains_native(
        vm,
        &args.pos[0],
        &args.pos[1],
    )?))
}

fn dunder_getitem<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "__getitem__", &args, 2, 2)?;
    ops::get_item_native(vm, &args.pos[0], &args.pos[1])
}

fn dunder_setitem<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    arity(vm, "__setitem__", &args, 3, 3)?;
    let value = args.pos.pop().expect("three arguments");
    let index = args.pos.pop().expect("three arguments");
    let Some(o) = args.pos[0].obj() else {
        return Err(vm.type_error(format!(
            "'{}' object does not support item assignment",
            ops::type_name(&args.pos[0])
        )));
    };
    ops::set_item_native(vm, o, index, value)?;
    Ok(Value::None)
}

fn dunder_delitem<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "__delitem__", &args, 2, 2)?;
    ops::del_item_native(vm, &args.pos[0], &args.pos[1])?;
    Ok(Value::None)
}

fn dunder_iter<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "__iter__", &args, 1, 1)?;
    ops::get_iter_native(vm, &args.pos[0])
}

/// `int.__hash__(x)` and the like: the hash the builtin type gives `x`,
/// whatever `x`'s class defines (`__hash__ = int.__hash__` in a subclass
/// that defines `__eq__`).
fn dunder_hash<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "__hash__", &args, 1, 1)?;
    Ok(Value::Int(crate::dict::native_py_hash(vm, &args.pos[0])?))
}

fn dunder_repr<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "__repr__", &args, 1, 1)?;
    let text = crate::repr::repr_native(vm, &args.pos[0])?;
    Ok(vm.new_str(text))
}

/// `list.__eq__(x, y)`: NotImplemented unless `y` is of the same builtin
/// type (or both are sets), else the builtin comparison.
fn dunder_eq<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "__eq__", &args, 2, 2)?;
    native_eq(vm, &args.pos[0], &args.pos[1], false)
}

fn dunder_ne<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "__ne__", &args, 2, 2)?;
    native_eq(vm, &args.pos[0], &args.pos[1], true)
}

fn native_eq<S: LockStrategy>(
    vm: &mut Vm<S>,
    a: &Value<S>,
    b: &Value<S>,
    negate: bool,
) -> PyResult<S> {
    let set_like = |k| matches!(k, TypeKind::Set | TypeKind::FrozenSet);
    let (ka, kb) = (ops::type_kind(a), ops::type_kind(b));
    if ka != kb && !(set_like(ka) && set_like(kb)) {
        return Ok(vm.interp.not_implemented());
    }
    Ok(Value::Bool(ops::eq_native(vm, a, b)? != negate))
}

// ---- dict ----

fn key_error<S: LockStrategy>(vm: &Vm<S>, key: Value<S>) -> PyErr<S> {
    PyErr {
        exc: crate::interp::new_exception_obj(
            vm.interp.exceptions["KeyError"].clone(),
            Box::new([key]),
        ),
    }
}

fn dict_get<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "get", &args, 2, 3)?;
    let (d, _) = recv_dict(vm, &args)?;
    let key = crate::vm::key_of(vm, args.pos[1].clone())?;
    Ok(ops::dict_get_key(vm, d, key)?
        .unwrap_or_else(|| args.pos.get(2).cloned().unwrap_or(Value::None)))
}

fn view<S: LockStrategy>(
    vm: &mut Vm<S>,
    args: Args<S>,
    name: &str,
    kind: DictViewKind,
) -> PyResult<S> {
    arity(vm, name, &args, 1, 1)?;
    let d = recv_dict(vm, &args)?.0.clone();
    Ok(Value::Obj(ObjRef::new(Payload::DictView(kind, d))))
}

fn dict_keys<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    view(vm, args, "keys", DictViewKind::Keys)
}

fn dict_values<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    view(vm, args, "values", DictViewKind::Values)
}

fn dict_items<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    view(vm, args, "items", DictViewKind::Items)
}

fn dict_pop<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "pop", &args, 2, 3)?;
    let (d, _) = recv_dict(vm, &args)?;
    match ops::dict_del(vm, d, &args.pos[1])? {
        Some(v) => Ok(v),
        None => match args.pos.get(2) {
            Some(default) => Ok(default.clone()),
            None => Err(key_error(vm, args.pos[1].clone())),
        },
    }
}

/// `dict.fromkeys(iterable, value=None)`: a new dict mapping each item of
/// `iterable` to `value`.
fn dict_fromkeys<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "fromkeys", &args, 1, 2)?;
    let value = args.pos.get(1).cloned().unwrap_or(Value::None);
    let new = ops::new_dict();
    let target = new.obj().expect("dict").clone();
    for key in ops::iterate(vm, &args.pos[0])? {
        ops::dict_set(vm, &target, key, value.clone())?;
    }
    Ok(new)
}

/// `d.popitem()`: removes and returns the last inserted `(key, value)`.
fn dict_popitem<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "popitem", &args, 1, 1)?;
    let (d, dict) = recv_dict(vm, &args)?;
    let last = dict.map.with::<S, _>(&d.header, |m| {
        let last = m.pop();
        if last.is_some() {
            dict.bump_version();
        }
        last
    });
    match last {
        Some((key, value)) => Ok(ops::new_tuple(vec![key.key, value])),
        None => {
            let message = vm.new_str("popitem(): dictionary is empty");
            Err(key_error(vm, message))
        }
    }
}

fn dict_setdefault<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "setdefault", &args, 2, 3)?;
    let (d, dict) = recv_dict(vm, &args)?;
    let default = args.pos.get(2).cloned().unwrap_or(Value::None);
    let key = crate::vm::key_of(vm, args.pos[1].clone())?;
    // Look up and insert in one critical section, so two threads agree on
    // the winner.
    let mut access = crate::dict::Locked {
        cell: &dict.map,
        header: &d.header,
    };
    crate::dict::find(vm, &mut access, key, |m, found, key| match found {
        Some(i) => m[i].clone(),
        None => {
            m.insert_new(key, default.clone());
            dict.bump_version();
            default
        }
    })
}

fn dict_update<S: LockStrategy>(vm: &mut Vm<S>, mut args: Args<S>) -> PyResult<S> {
    let kw = std::mem::take(&mut args.kw);
    arity(vm, "update", &args, 1, 2)?;
    let d = recv_dict(vm, &args)?.0.clone();
    update_dict(vm, &d, args.pos.get(1), kw)?;
    Ok(Value::None)
}

/// What `dict.update(src, **kw)`, `dict(src, **kw)` and `dict.__init__` do:
/// the items of `src` (a mapping, or pairs), then the keywords.
pub(crate) fn update_dict<S: LockStrategy>(
    vm: &mut Vm<S>,
    d: &ObjRef<S>,
    src: Option<&Value<S>>,
    kw: Vec<(String, Value<S>)>,
) -> PyResult<S, ()> {
    if let Some(src) = src {
        ops::dict_update_from(vm, d, src)?;
    }
    for (k, v) in kw {
        let key = vm.new_str(k);
        ops::dict_set(vm, d, key, v)?;
    }
    Ok(())
}

fn dict_clear<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "clear", &args, 1, 1)?;
    let (d, dict) = recv_dict(vm, &args)?;
    let old = dict.map.with::<S, _>(&d.header, |m| {
        dict.bump_version();
        std::mem::take(m)
    });
    drop(old);
    Ok(Value::None)
}

fn dict_copy<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "copy", &args, 1, 1)?;
    recv_dict(vm, &args)?;
    let new = ops::new_dict();
    let target = new.obj().expect("dict").clone();
    for (k, v) in ops::dict_items(&args.pos[0]) {
        ops::dict_set(vm, &target, k, v)?;
    }
    Ok(new)
}

// ---- generators ----

/// `StopIteration(value)`, as a generator that returned raises it.
pub(crate) fn stop_iteration<S: LockStrategy>(vm: &Vm<S>, value: Value<S>) -> PyErr<S> {
    let args: Box<[Value<S>]> = if matches!(value, Value::None) {
        Box::new([])
    } else {
        Box::new([value])
    };
    PyErr {
        exc: crate::interp::new_exception_obj(vm.interp.exceptions["StopIteration"].clone(), args),
    }
}

fn resume_value<S: LockStrategy>(
    vm: &mut Vm<S>,
    g: &Value<S>,
    send: Value<S>,
    throw: Option<PyErr<S>>,
) -> PyResult<S> {
    let g = recv_gen(vm, g)?;
    match vm.gen_resume(g, send, throw)? {
        crate::vm::GenStep::Yielded(v) => Ok(v),
        crate::vm::GenStep::Returned(r) => Err(stop_iteration(vm, r)),
    }
}

fn gen_send<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "send", &args, 2, 2)?;
    resume_value(vm, &args.pos[0], args.pos[1].clone(), None)
}

fn gen_next<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "__next__", &args, 1, 1)?;
    resume_value(vm, &args.pos[0], Value::None, None)
}

/// `gen.throw(exc)`: raises `exc` where the generator is suspended.
fn gen_throw<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "throw", &args, 2, 4)?;
    let err = thrown_exception(vm, &args.pos[1], args.pos.get(2))?;
    resume_value(vm, &args.pos[0], Value::None, Some(err))
}

/// The exception that `throw(typ[, val[, tb]])` raises: `typ` itself when
/// it is an exception instance, else `typ(val)` (`val` when it already is
/// an instance of `typ`).
pub(crate) fn thrown_exception<S: LockStrategy>(
    vm: &mut Vm<S>,
    typ: &Value<S>,
    val: Option<&Value<S>>,
) -> PyResult<S, PyErr<S>> {
    let val = val.filter(|v| !matches!(v, Value::None));
    let exc = match typ.payload() {
        Some(Payload::Exception(_)) => typ.clone(),
        Some(Payload::Type(_)) => match val {
            Some(v) if matches!(v.payload(), Some(Payload::Exception(_))) => v.clone(),
            _ => {
                let ctor_args = val.cloned().into_iter().collect();
                vm.call(typ, ctor_args)?
            }
        },
        _ => {
            return Err(vm.type_error(format!(
                "exceptions must be classes or instances deriving from BaseException, not {}",
                ops::type_name(typ)
            )))
        }
    };
    match exc {
        Value::Obj(exc) if matches!(exc.payload(), Payload::Exception(_)) => Ok(PyErr { exc }),
        _ => Err(vm.type_error("exceptions must derive from BaseException")),
    }
}

/// `gen.close()`.
fn gen_close<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "close", &args, 1, 1)?;
    let g = recv_gen(vm, &args.pos[0])?;
    vm.gen_close(g)?;
    Ok(Value::None)
}
