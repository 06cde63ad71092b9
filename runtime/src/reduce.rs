//! `object.__reduce_ex__` and `object.__reduce__`: the default pickle
//! protocol every object inherits, which `copy`, `pickle` and `enum` rely on.
//!
//! As CPython's `typeobject.c`: protocols 2 and above describe an object as
//! `copyreg.__newobj__(cls, *args)` (or `__newobj_ex__` with keywords) plus
//! its state and, for list and dict subclasses, their items; protocols 0
//! and 1 hand the object to `copyreg._reduce_ex`, the pure-Python fallback
//! of the standard library.

use crate::object::{ObjRef, Payload, TypeKind, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};

/// `obj.__reduce_ex__(protocol)`: the class's own `__reduce__` when it
/// overrides object's, else the default reduction for `protocol`.
pub fn object_reduce_ex<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    if args.pos.len() != 2 || !args.kw.is_empty() {
        return Err(vm.type_error(format!(
            "object.__reduce_ex__() takes exactly one argument ({} given)",
            args.pos.len().saturating_sub(1) + args.kw.len()
        )));
    }
    let obj = args.pos[0].clone();
    let protocol = ops::expect_int(vm, &args.pos[1])?;
    let class = Value::Obj(crate::builtins::type_of(vm, &obj));
    if let Some(reduce) = ops::get_attr_opt(vm, &class, "__reduce__")? {
        let default = vm
            .interp
            .methods
            .get(&(TypeKind::Object, "__reduce__"))
            .cloned();
        if !default.is_some_and(|d| d.is(&reduce)) {
            return ops::call_method(vm, &obj, "__reduce__", Vec::new());
        }
    }
    common_reduce(vm, &obj, protocol)
}

/// `obj.__reduce__()`: the protocol-0 reduction.
pub fn object_reduce<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    crate::builtins::arity(vm, "__reduce__", &args, 1, 1)?;
    common_reduce(vm, &args.pos[0], 0)
}

fn common_reduce<S: LockStrategy>(vm: &mut Vm<S>, obj: &Value<S>, protocol: i64) -> PyResult<S> {
    if matches!(builtin_kind(vm, obj), TypeKind::Set | TypeKind::FrozenSet) {
        return reduce_set(vm, obj);
    }
    let copyreg = import(vm, "copyreg")?;
    if protocol >= 2 {
        return reduce_newobj(vm, &copyreg, obj);
    }
    let reduce_ex = ops::get_attr(vm, &copyreg, &name(vm, "_reduce_ex"))?;
    vm.call(&reduce_ex, vec![obj.clone(), Value::Int(protocol)])
}

/// The builtin type whose behaviour the object has: its own, or the
/// builtin base of its user class (`class Tags(set)`).
fn builtin_kind<S: LockStrategy>(vm: &Vm<S>, obj: &Value<S>) -> TypeKind {
    match ops::type_kind(obj) {
        TypeKind::Instance => crate::subclass::native_base(&crate::builtins::type_of(vm, obj))
            .unwrap_or(TypeKind::Instance),
        kind => kind,
    }
}

/// `set.__reduce__` (and frozenset's): `(cls, (list(items),), __dict__ or
/// None)`, as CPython's `set_reduce`.
fn reduce_set<S: LockStrategy>(vm: &mut Vm<S>, obj: &Value<S>) -> PyResult<S> {
    let class = Value::Obj(crate::builtins::type_of(vm, obj));
    let items = ops::new_list(ops::iterate(vm, obj)?);
    let state = match obj.obj().and_then(crate::classes::instance_dict) {
        Some(d) => Value::Obj(d),
        None => Value::None,
    };
    Ok(ops::new_tuple(vec![
        class,
        ops::new_tuple(vec![items]),
        state,
    ]))
}

/// The protocol-2 reduction: `(copyreg.__newobj__, (cls, *args), state,
/// listitems, dictitems)`, the arguments from `__getnewargs_ex__` or
/// `__getnewargs__` when the object has them.
fn reduce_newobj<S: LockStrategy>(
    vm: &mut Vm<S>,
    copyreg: &Value<S>,
    obj: &Value<S>,
) -> PyResult<S> {
    let class = Value::Obj(crate::builtins::type_of(vm, obj));
    if ops::get_attr_opt(vm, &class, "__new__")?.is_none() {
        return Err(cannot_pickle(vm, obj));
    }
    let (args, kwargs) = new_args(vm, obj)?;
    let has_args = args.is_some();
    let args = args.unwrap_or_default();
    let kwargs_empty = match &kwargs {
        None => true,
        Some(k) => ops::dict_len(k) == 0,
    };
    let (newobj, newargs) = if kwargs_empty {
        let mut all = Vec::with_capacity(args.len() + 1);
        all.push(class);
        all.extend(args);
        let f = ops::get_attr(vm, copyreg, &name(vm, "__newobj__"))?;
        (f, ops::new_tuple(all))
    } else {
        let f = ops::get_attr(vm, copyreg, &name(vm, "__newobj_ex__"))?;
        let kwargs = kwargs.unwrap_or(Value::None);
        (f, ops::new_tuple(vec![class, ops::new_tuple(args), kwargs]))
    };
    let kind = ops::type_kind(obj);
    let is_list = kind == TypeKind::List;
    let is_dict = kind == TypeKind::Dict;
    let state = get_state(vm, obj, !has_args && !is_list && !is_dict)?;
    let listitems = match is_list {
        true => ops::get_iter(vm, obj)?,
        false => Value::None,
    };
    let dictitems = match is_dict {
        true => {
            let items = ops::call_method(vm, obj, "items", Vec::new())?;
            ops::get_iter(vm, &items)?
        }
        false => Value::None,
    };
    Ok(ops::new_tuple(vec![
        newobj, newargs, state, listitems, dictitems,
    ]))
}

/// Positional arguments and a dict of keyword ones (either absent).
type NewArgs<S> = (Option<Vec<Value<S>>>, Option<Value<S>>);

/// The positional and keyword arguments `__new__` is to get back:
/// `__getnewargs_ex__()` (a `(tuple, dict)` pair) or `__getnewargs__()` (a
/// tuple); `(None, None)` when the object has neither.
fn new_args<S: LockStrategy>(vm: &mut Vm<S>, obj: &Value<S>) -> PyResult<S, NewArgs<S>> {
    if let Some(f) = ops::get_attr_opt(vm, obj, "__getnewargs_ex__")? {
        let r = vm.call(&f, Vec::new())?;
        let pair = match r.payload() {
            Some(Payload::Tuple(t)) => t.to_vec(),
            _ => {
                return Err(vm.type_error(format!(
                    "__getnewargs_ex__ should return a tuple, not '{}'",
                    ops::type_name(&r)
                )))
            }
        };
        if pair.len() != 2 {
            return Err(vm.value_error(format!(
                "__getnewargs_ex__ should return a tuple of length 2, not {}",
                pair.len()
            )));
        }
        let args = match pair[0].payload() {
            Some(Payload::Tuple(t)) => t.to_vec(),
            _ => {
                return Err(vm.type_error(format!(
                "first item of the tuple returned by __getnewargs_ex__ must be a tuple, not '{}'",
                ops::type_name(&pair[0])
            )))
            }
        };
        if !matches!(pair[1].payload(), Some(Payload::Dict(_))) {
            return Err(vm.type_error(format!(
                "second item of the tuple returned by __getnewargs_ex__ must be a dict, not '{}'",
                ops::type_name(&pair[1])
            )));
        }
        return Ok((Some(args), Some(pair[1].clone())));
    }
    if let Some(f) = ops::get_attr_opt(vm, obj, "__getnewargs__")? {
        let r = vm.call(&f, Vec::new())?;
        return match r.payload() {
            Some(Payload::Tuple(t)) => Ok((Some(t.to_vec()), None)),
            _ => Err(vm.type_error(format!(
                "__getnewargs__ should return a tuple, not '{}'",
                ops::type_name(&r)
            ))),
        };
    }
    Ok((None, None))
}

/// The state to pickle: `obj.__getstate__()`. When `required` (nothing
/// else would rebuild the object) a builtin object whose contents live
/// outside any `__dict__` cannot be pickled this way.
fn get_state<S: LockStrategy>(vm: &mut Vm<S>, obj: &Value<S>, required: bool) -> PyResult<S> {
    if required && has_native_contents(obj) {
        return Err(cannot_pickle(vm, obj));
    }
    ops::call_method(vm, obj, "__getstate__", Vec::new())
}

/// Whether the object keeps data that `object.__getstate__` cannot see (a
/// native type's contents), so that `cls.__new__(cls)` plus its `__dict__`
/// would not rebuild it.
fn has_native_contents<S: LockStrategy>(obj: &Value<S>) -> bool {
    !matches!(
        ops::type_kind(obj),
        TypeKind::Object
            | TypeKind::Instance
            | TypeKind::Exception
            | TypeKind::Type
            | TypeKind::Function
    )
}

fn cannot_pickle<S: LockStrategy>(vm: &Vm<S>, obj: &Value<S>) -> crate::vm::PyErr<S> {
    vm.type_error(format!("cannot pickle '{}' object", ops::type_name(obj)))
}

fn name<S: LockStrategy>(vm: &Vm<S>, s: &str) -> ObjRef<S> {
    match vm.new_str(s) {
        Value::Obj(o) => o,
        _ => unreachable!("a str is an object"),
    }
}

fn import<S: LockStrategy>(vm: &mut Vm<S>, module: &str) -> PyResult<S> {
    crate::modules::import::import_name(
        vm,
        module,
        None,
        crate::modules::import::FromList::Empty,
        0,
    )
}
