//! What `match` statements ask of values at run time (PEP 634), as CPython
//! 3.11's `MATCH_SEQUENCE`, `MATCH_MAPPING`, `MATCH_KEYS` and `MATCH_CLASS`
//! do: whether a subject is a sequence or a mapping to destructure, the
//! values of a mapping pattern's keys, and a class pattern's attributes.
//! The compiler's side is `crate::compile::patterns`.

use crate::builtins::{is_subtype, type_of};
use crate::object::{ObjRef, Payload, TypeKind, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::types::NativeKind;
use crate::vm::{Args, PyErr, PyResult, Vm};

/// Builtin types that sequence patterns destructure, and their subclasses
/// (CPython's `Py_TPFLAGS_SEQUENCE`, set on these in C).
const SEQUENCE_TYPES: &[TypeKind] = &[
    TypeKind::List,
    TypeKind::Tuple,
    TypeKind::Range,
    TypeKind::Native(NativeKind::MemoryView),
    TypeKind::Native(NativeKind::Deque),
    TypeKind::Native(NativeKind::Array),
];

/// Sequences in the `collections.abc` sense that sequence patterns never
/// destructure: text and bytes are matched as single values.
const NOT_SEQUENCE_TYPES: &[TypeKind] = &[
    TypeKind::Str,
    TypeKind::Bytes,
    TypeKind::Native(NativeKind::ByteArray),
];

/// Builtin types that mapping patterns destructure (`Py_TPFLAGS_MAPPING`).
const MAPPING_TYPES: &[TypeKind] = &[TypeKind::Dict, TypeKind::Native(NativeKind::MappingProxy)];

/// The builtin types whose class pattern takes one positional sub-pattern,
/// matched against the subject itself (`case int(n):`), unless the class
/// defines `__match_args__` (`_Py_TPFLAGS_MATCH_SELF`, inherited).
const MATCH_SELF_TYPES: &[TypeKind] = &[
    TypeKind::Bool,
    TypeKind::Native(NativeKind::ByteArray),
    TypeKind::Bytes,
    TypeKind::Dict,
    TypeKind::Float,
    TypeKind::FrozenSet,
    TypeKind::Int,
    TypeKind::List,
    TypeKind::Set,
    TypeKind::Str,
    TypeKind::Tuple,
];

/// Whether type `t` is one of `kinds` or derives from one.
fn derives_from<S: LockStrategy>(vm: &Vm<S>, t: &ObjRef<S>, kinds: &[TypeKind]) -> bool {
    kinds.iter().any(|k| {
        vm.interp
            .types
            .get(k)
            .is_some_and(|builtin| is_subtype(t, builtin))
    })
}

/// Whether `t` is a class defined in Python (which `collections.abc` may
/// have registered), rather than a builtin type, whose answer is fixed.
fn is_python_class<S: LockStrategy>(t: &ObjRef<S>) -> bool {
    matches!(t.payload(), Payload::Type(ty) if ty.dict.is_some())
}

/// What a class destructures as (CPython's `Py_TPFLAGS_SEQUENCE` and
/// `Py_TPFLAGS_MAPPING`).
#[derive(Clone, Copy, PartialEq)]
enum Collection {
    Sequence,
    Mapping,
}

/// The `__abc_tpflags__` bits that `collections.abc.Sequence` and
/// `Mapping` declare.
const ABC_SEQUENCE_FLAG: i64 = 1 << 5;
const ABC_MAPPING_FLAG: i64 = 1 << 6;

/// The kind class `k` itself declares: a builtin type's fixed one, or the
/// `__abc_tpflags__` in a Python class's own namespace (`Sequence`,
/// `Mapping`).
fn own_collection<S: LockStrategy>(vm: &Vm<S>, k: &ObjRef<S>) -> Option<Collection> {
    let Payload::Type(ty) = k.payload() else {
        return None;
    };
    let is = |kinds: &[TypeKind]| {
        kinds
            .iter()
            .any(|kind| vm.interp.types.get(kind).is_some_and(|b| b.ptr_eq(k)))
    };
    if is(SEQUENCE_TYPES) {
        return Some(Collection::Sequence);
    }
    if is(MAPPING_TYPES) {
        return Some(Collection::Mapping);
    }
    let dict = ty.dict.as_ref()?;
    match ops::dict_get(dict, &vm.new_str("__abc_tpflags__")) {
        Some(Value::Int(f)) if f & ABC_SEQUENCE_FLAG != 0 => Some(Collection::Sequence),
        Some(Value::Int(f)) if f & ABC_MAPPING_FLAG != 0 => Some(Collection::Mapping),
        _ => None,
    }
}

/// Whether the subject destructures as `want`. A class takes the kind of
/// the first class of its MRO that declares one (so `class M(dict,
/// Sequence)` is a mapping); a Python class without one may still have
/// been registered with the ABC since. str, bytes and bytearray are
/// registered as sequences but never destructure as one.
fn collection_is<S: LockStrategy>(
    vm: &mut Vm<S>,
    v: &Value<S>,
    want: Collection,
) -> PyResult<S, bool> {
    let t = type_of(vm, v);
    let Payload::Type(ty) = t.payload() else {
        return Ok(false);
    };
    let declared = std::iter::once(&t)
        .chain(ty.mro.iter())
        .find_map(|k| own_collection(vm, k));
    if let Some(kind) = declared {
        return Ok(kind == want);
    }
    if !is_python_class(&t) || derives_from(vm, &t, NOT_SEQUENCE_TYPES) {
        return Ok(false);
    }
    let abc = match want {
        Collection::Sequence => "Sequence",
        Collection::Mapping => "Mapping",
    };
    abc_instance(vm, v, abc)
}

/// `isinstance(v, collections.abc.<name>)`, where a program that never
/// imported `collections.abc` can have registered no class with its ABCs.
fn abc_instance<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>, name: &str) -> PyResult<S, bool> {
    let sys_modules = vm.interp.sys_modules.clone();
    let Some(module) = ops::dict_get(&sys_modules, &vm.new_str("_collections_abc")) else {
        return Ok(false);
    };
    let abc = match ops::get_attr(vm, &module, &crate::vm::name_obj(vm, name)) {
        Ok(abc) => abc,
        Err(_) => return Ok(false),
    };
    is_instance(vm, v, &abc)
}

fn is_instance<S: LockStrategy>(
    vm: &mut Vm<S>,
    v: &Value<S>,
    class: &Value<S>,
) -> PyResult<S, bool> {
    let r =
        crate::builtins::builtin_isinstance(vm, Args::positional(vec![v.clone(), class.clone()]))?;
    Ok(matches!(r, Value::Bool(true)))
}

/// `MATCH_SEQUENCE`: lists, tuples, ranges, deques, arrays, memoryviews and
/// `collections.abc.Sequence`s, but never str, bytes or bytearray.
pub(crate) fn is_sequence<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, bool> {
    collection_is(vm, v, Collection::Sequence)
}

/// `MATCH_MAPPING`: dicts, mapping proxies and `collections.abc.Mapping`s.
pub(crate) fn is_mapping<S: LockStrategy>(vm: &mut Vm<S>, v: &Value<S>) -> PyResult<S, bool> {
    collection_is(vm, v, Collection::Mapping)
}

fn tuple_items<S: LockStrategy>(v: &Value<S>) -> Vec<Value<S>> {
    match v.payload() {
        Some(Payload::Tuple(items)) => items.to_vec(),
        _ => Vec::new(),
    }
}

/// `MATCH_KEYS`: the values of `keys` in the mapping, each read with
/// `map.get(key, sentinel)` (which neither raises for a missing key nor
/// makes one in a `defaultdict`), or None when one is missing. The same
/// key twice is a ValueError.
pub(crate) fn match_keys<S: LockStrategy>(
    vm: &mut Vm<S>,
    map: &Value<S>,
    keys: &Value<S>,
) -> PyResult<S, Value<S>> {
    let keys = tuple_items(keys);
    if keys.is_empty() {
        return Ok(ops::new_tuple(Vec::new()));
    }
    let get = ops::get_attr(vm, map, &crate::vm::name_obj(vm, "get"))?;
    let object = Value::Obj(vm.interp.types[&TypeKind::Object].clone());
    let missing = vm.call(&object, Vec::new())?;
    let Value::Obj(seen) = ops::new_dict() else {
        unreachable!("dicts are objects")
    };
    let mut values = Vec::with_capacity(keys.len());
    for key in keys {
        let before = ops::dict_len(&Value::Obj(seen.clone()));
        ops::dict_set(vm, &seen, key.clone(), Value::None)?;
        if ops::dict_len(&Value::Obj(seen.clone())) == before {
            let shown = crate::repr::repr(vm, &key)?;
            return Err(vm.value_error(format!("mapping pattern checks duplicate key ({shown})")));
        }
        let value = vm.call(&get, vec![key, missing.clone()])?;
        if value.is(&missing) {
            return Ok(Value::None);
        }
        values.push(value);
    }
    Ok(ops::new_tuple(values))
}

/// A class's name as CPython's messages give it (its `tp_name`).
fn class_name<S: LockStrategy>(class: &ObjRef<S>) -> String {
    match class.payload() {
        Payload::Type(t) => match t.kind {
            TypeKind::Native(kind) if t.dict.is_none() => kind.name().to_string(),
            _ => t.name.clone(),
        },
        _ => String::new(),
    }
}

fn is_attribute_error<S: LockStrategy>(vm: &Vm<S>, e: &PyErr<S>) -> bool {
    crate::interp::is_instance_of(vm, &Value::Obj(e.exc.clone()), "AttributeError")
}

/// `MATCH_CLASS`: when `subject` is an instance of `class`, a tuple of the
/// attributes the first `nargs` names of `class.__match_args__` and then
/// `keywords` name; None when it is not an instance or lacks one of them.
pub(crate) fn match_class<S: LockStrategy>(
    vm: &mut Vm<S>,
    subject: &Value<S>,
    class: &Value<S>,
    nargs: usize,
    keywords: &Value<S>,
) -> PyResult<S, Value<S>> {
    let Some(class_obj) = class
        .obj()
        .filter(|o| matches!(o.payload(), Payload::Type(_)))
        .cloned()
    else {
        return Err(vm.type_error("called match pattern must be a type"));
    };
    if !is_instance(vm, subject, class)? {
        return Ok(Value::None);
    }
    let name = class_name(&class_obj);
    let mut names: Vec<Value<S>> = Vec::new();
    let mut match_self = false;
    if nargs > 0 {
        let match_args = match ops::get_attr(vm, class, &crate::vm::name_obj(vm, "__match_args__"))
        {
            Ok(m) => {
                if !matches!(m.stored(), Some(Payload::Tuple(_))) {
                    return Err(vm.type_error(format!(
                        "{name}.__match_args__ must be a tuple (got {})",
                        ops::type_name(&m)
                    )));
                }
                tuple_items(&m)
            }
            // Only a class without `__match_args__` matches itself: a
            // subclass of int that defines them takes them instead.
            Err(e) if is_attribute_error(vm, &e) => {
                match_self = derives_from(vm, &class_obj, MATCH_SELF_TYPES);
                Vec::new()
            }
            Err(e) => return Err(e),
        };
        let allowed = if match_self { 1 } else { match_args.len() };
        if allowed < nargs {
            let plural = if allowed == 1 { "" } else { "s" };
            return Err(vm.type_error(format!(
                "{name}() accepts {allowed} positional sub-pattern{plural} ({nargs} given)"
            )));
        }
        if !match_self {
            for n in match_args.into_iter().take(nargs) {
                if !matches!(n.stored(), Some(Payload::Str(_))) {
                    return Err(vm.type_error(format!(
                        "__match_args__ elements must be strings (got {})",
                        ops::type_name(&n)
                    )));
                }
                names.push(n);
            }
        }
    }
    names.extend(tuple_items(keywords));
    let mut attrs = Vec::with_capacity(names.len() + usize::from(match_self));
    if match_self {
        attrs.push(subject.clone());
    }
    // Each attribute is read once: a name twice (positionally and by
    // keyword, or twice in `__match_args__`) is a TypeError.
    let mut seen: Vec<String> = Vec::new();
    for n in names {
        let Some(text) = n.as_str().map(str::to_string) else {
            unreachable!("attribute names are str")
        };
        if seen.contains(&text) {
            return Err(vm.type_error(format!(
                "{name}() got multiple sub-patterns for attribute {}",
                crate::repr::str_repr(&text)
            )));
        }
        seen.push(text);
        let Value::Obj(n) = n else {
            unreachable!("str values are objects")
        };
        match ops::get_attr(vm, subject, &n) {
            Ok(v) => attrs.push(v),
            Err(e) if is_attribute_error(vm, &e) => return Ok(Value::None),
            Err(e) => return Err(e),
        }
    }
    Ok(ops::new_tuple(attrs))
}
