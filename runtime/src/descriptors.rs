//! `__get__`, `__set__` and `__delete__` of the builtin descriptor types —
//! functions, properties, static and class methods — for code that calls
//! the descriptor protocol by hand (`f.__get__(obj)`, `enum`'s
//! `hasattr(obj, '__get__')` test for descriptors). Attribute lookup does
//! not go through these: `classes::bind` does the same work inline.

use crate::object::{NativeFn, ObjRef, Payload, TypeKind, Value};
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};

/// The methods, for `slot_wrappers::table`.
pub fn methods<S: LockStrategy>() -> Vec<(TypeKind, &'static str, NativeFn<S>)> {
    vec![
        (TypeKind::Function, "__get__", function_get as NativeFn<S>),
        (TypeKind::Property, "__get__", property_get),
        (TypeKind::Property, "__set__", property_set),
        (TypeKind::Property, "__delete__", property_delete),
        (TypeKind::StaticMethod, "__get__", staticmethod_get),
        (TypeKind::ClassMethod, "__get__", classmethod_get),
    ]
}

/// The `(self, obj, type)` arguments of `__get__` (`type` None when not
/// given).
type GetArgs<S> = (Value<S>, Value<S>, Value<S>);

/// The `(self, obj, type=None)` arguments of `__get__`.
fn get_args<S: LockStrategy>(vm: &Vm<S>, args: &Args<S>) -> PyResult<S, GetArgs<S>> {
    crate::builtins::arity(vm, "__get__", args, 2, 3)?;
    let owner = args.pos.get(2).cloned().unwrap_or(Value::None);
    if matches!(args.pos[1], Value::None) && matches!(owner, Value::None) {
        return Err(vm.type_error("__get__(None, None) is invalid"));
    }
    Ok((args.pos[0].clone(), args.pos[1].clone(), owner))
}

fn bound<S: LockStrategy>(receiver: Value<S>, f: Value<S>) -> Value<S> {
    Value::Obj(ObjRef::new(Payload::BoundMethod(receiver, f)))
}

/// `f.__get__(obj, type=None)`: a method bound to `obj`; the function
/// itself when `obj` is None.
fn function_get<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let (f, obj, _) = get_args(vm, &args)?;
    Ok(match obj {
        Value::None => f,
        obj => bound(obj, f),
    })
}

/// `prop.__get__(obj, type=None)`: the getter's result; the property
/// itself when `obj` is None.
fn property_get<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let (prop, obj, _) = get_args(vm, &args)?;
    if matches!(obj, Value::None) {
        return Ok(prop);
    }
    let class = crate::builtins::type_of(vm, &obj);
    crate::classes::bind(vm, prop, &obj, &class)
}

/// The name CPython's messages give a property: its getter's.
fn property_name<S: LockStrategy>(fget: &Value<S>) -> Option<String> {
    match fget.payload() {
        Some(Payload::Function(f)) => Some(f.code.name.to_string()),
        _ => None,
    }
}

/// `prop.__set__(obj, value)` and `prop.__delete__(obj)`: the setter or
/// deleter, or CPython's AttributeError when there is none.
fn property_store<S: LockStrategy>(
    vm: &mut Vm<S>,
    args: Args<S>,
    method: &str,
    n: usize,
) -> PyResult<S> {
    crate::builtins::arity(vm, method, &args, n, n)?;
    let Some(Payload::Property(p)) = args.pos[0].payload() else {
        return Err(vm.type_error(format!(
            "descriptor '{method}' requires a 'property' object"
        )));
    };
    let (accessor, missing) = match n {
        3 => (p.fset.clone(), "setter"),
        _ => (p.fdel.clone(), "deleter"),
    };
    if matches!(accessor, Value::None) {
        let fget = p.fget.clone();
        let obj = &args.pos[1];
        let message = match property_name(&fget) {
            Some(name) => format!(
                "property '{name}' of '{}' object has no {missing}",
                crate::ops::type_name(obj)
            ),
            None if n == 3 => "can't set attribute".to_string(),
            None => "can't delete attribute".to_string(),
        };
        return Err(vm.new_error("AttributeError", message));
    }
    vm.call(&accessor, args.pos[1..].to_vec())?;
    Ok(Value::None)
}

fn property_set<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    property_store(vm, args, "__set__", 3)
}

fn property_delete<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    property_store(vm, args, "__delete__", 2)
}

/// `staticmethod.__get__(obj, type=None)`: the function.
fn staticmethod_get<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let (sm, _, _) = get_args(vm, &args)?;
    match sm.payload() {
        Some(Payload::StaticMethod(f)) => Ok(f.clone()),
        _ => Err(vm.type_error("descriptor '__get__' requires a 'staticmethod' object")),
    }
}

/// `classmethod.__get__(obj, type=None)`: the function bound to `type`
/// (or to `obj`'s class).
fn classmethod_get<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    let (cm, obj, owner) = get_args(vm, &args)?;
    let Some(Payload::ClassMethod(f)) = cm.payload() else {
        return Err(vm.type_error("descriptor '__get__' requires a 'classmethod' object"));
    };
    let owner = match owner {
        Value::None => Value::Obj(crate::builtins::type_of(vm, &obj)),
        owner => owner,
    };
    Ok(bound(owner, f.clone()))
}
