//! The `abc` module: `ABCMeta`, `ABC` and `abstractmethod`. A class whose
//! metaclass is `ABCMeta` (or that derives from one with abstract methods)
//! records its unimplemented abstract methods in `__abstractmethods__`, and
//! instantiating it while any remain raises CPython's TypeError.

use crate::builtins::arity;
use crate::object::{ObjRef, Payload, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};

pub fn init<S: LockStrategy>(vm: &mut Vm<S>, dict: &ObjRef<S>) {
    super::add_functions(vm, dict, &[("abstractmethod", abstractmethod, false)]);
    let meta = vm.interp.abc_meta();
    vm.interp.dict_set_str(dict, "ABCMeta", meta.clone());
    let namespace = match ops::new_dict() {
        Value::Obj(d) => d,
        _ => unreachable!("dicts are objects"),
    };
    vm.interp
        .dict_set_str(&namespace, "__module__", vm.new_str("abc"));
    if let Ok(abc) = crate::classes::build_class(vm, "ABC", Vec::new(), namespace, Some(meta)) {
        vm.interp.dict_set_str(dict, "ABC", abc);
    }
}

/// Marks a function abstract (`f.__isabstractmethod__ = True`).
fn abstractmethod<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    arity(vm, "abstractmethod", &args, 1, 1)?;
    let f = args.pos[0].clone();
    if let Some(Payload::Function(func)) = f.payload() {
        let d = crate::classes::function_dict(f.obj().expect("function"), func);
        ops::dict_set(
            vm,
            &d,
            vm.new_str("__isabstractmethod__"),
            Value::Bool(true),
        )?;
    }
    Ok(f)
}
