//! The `_random` module: the `Random` type (`types::random`), the
//! Mersenne Twister that CPython's `Lib/random.py` subclasses.

use crate::object::{ObjRef, TypeKind, Value};
use crate::strategy::LockStrategy;
use crate::types::NativeKind;
use crate::vm::Vm;

pub fn init<S: LockStrategy>(vm: &mut Vm<S>, dict: &ObjRef<S>) {
    let class = vm.interp.types[&TypeKind::Native(NativeKind::Random)].clone();
    vm.interp.dict_set_str(dict, "Random", Value::Obj(class));
}
