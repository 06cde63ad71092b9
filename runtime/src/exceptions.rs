//! The attributes and methods of `BaseException` that reach the state the
//! runtime keeps inside an exception: `__traceback__` (and
//! `with_traceback`), `__cause__`, `__context__` and
//! `__suppress_context__`, as CPython's `Objects/exceptions.c` defines
//! them (getset descriptors that check what is assigned).

use crate::builtins::arity;
use crate::object::{ObjRef, Payload, Value};
use crate::strategy::LockStrategy;
use crate::types::traceback::{chain_from_entries, entries_from_chain};
use crate::vm::{Args, PyResult, Vm};

/// `exc.__traceback__`: the chain of traceback objects for where the
/// exception has been so far (None before it is raised).
pub fn traceback_of<S: LockStrategy>(exc: &ObjRef<S>) -> Value<S> {
    match exc.payload() {
        Payload::Exception(e) => e
            .traceback
            .with::<S, _>(&exc.header, |tb| chain_from_entries(tb)),
        _ => Value::None,
    }
}

/// Assigns one of the exception's own attributes; `false` for another
/// name (which goes to the instance dict, if any).
pub fn set_attr<S: LockStrategy>(
    vm: &mut Vm<S>,
    exc: &ObjRef<S>,
    name: &str,
    value: &Value<S>,
) -> PyResult<S, bool> {
    let Payload::Exception(e) = exc.payload() else {
        return Ok(false);
    };
    let is_exception = |v: &Value<S>| matches!(v.payload(), Some(Payload::Exception(_)));
    match name {
        "__traceback__" => {
            let entries = entries_from_chain(vm, value)?;
            let old = e
                .traceback
                .with::<S, _>(&exc.header, |tb| std::mem::replace(tb, entries));
            drop(old);
        }
        "__cause__" => {
            if !matches!(value, Value::None) && !is_exception(value) {
                return Err(
                    vm.type_error("exception cause must be None or derive from BaseException")
                );
            }
            let new = (!matches!(value, Value::None)).then(|| value.clone());
            let old = e.chain.with::<S, _>(&exc.header, |c| {
                c.suppress_context = true;
                std::mem::replace(&mut c.cause, new)
            });
            drop(old);
        }
        "__context__" => {
            let new = match value {
                Value::None => None,
                Value::Obj(o) if is_exception(value) => Some(o.clone()),
                _ => {
                    return Err(vm
                        .type_error("exception context must be None or derive from BaseException"))
                }
            };
            let old = e
                .chain
                .with::<S, _>(&exc.header, |c| std::mem::replace(&mut c.context, new));
            drop(old);
        }
        "__suppress_context__" => {
            let flag = crate::ops::truthy(vm, value)?;
            e.chain
                .with::<S, _>(&exc.header, |c| c.suppress_context = flag);
        }
        _ => return Ok(false),
    }
    Ok(true)
}

/// `exc.with_traceback(tb)`: sets `__traceback__` and returns the
/// exception.
pub fn with_traceback<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "with_traceback", &args, 2, 2)?;
    let Value::Obj(exc) = &args.pos[0] else {
        return Err(vm.type_error("descriptor 'with_traceback' requires a 'BaseException' object"));
    };
    if !matches!(exc.payload(), Payload::Exception(_)) {
        return Err(vm.type_error(format!(
            "descriptor 'with_traceback' for 'BaseException' objects doesn't apply to a '{}' object",
            crate::ops::type_name(&args.pos[0])
        )));
    }
    set_attr(vm, exc, "__traceback__", &args.pos[1])?;
    Ok(args.pos[0].clone())
}

/// Whether the error is an AttributeError (or a subclass's): what
/// `getattr(obj, name, default)` and `hasattr` swallow.
pub fn is_attribute_error<S: LockStrategy>(vm: &Vm<S>, e: &crate::vm::PyErr<S>) -> bool {
    crate::interp::is_instance_of(vm, &Value::Obj(e.exc.clone()), "AttributeError")
}
