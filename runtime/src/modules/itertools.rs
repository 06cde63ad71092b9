//! `itertools`: the iterator types hot in benchmarks are native
//! (`types::itertools`); the rest, and `tee`, are the module's Python
//! part (`py/itertools.py`).

use crate::object::{ObjRef, TypeKind, Value};
use crate::strategy::LockStrategy;
use crate::types::itertools::Kind;
use crate::types::NativeKind;
use crate::vm::Vm;

pub fn init<S: LockStrategy>(vm: &mut Vm<S>, dict: &ObjRef<S>) {
    for kind in Kind::ALL {
        let class = vm.interp.types[&TypeKind::Native(NativeKind::Itertools(kind))].clone();
        vm.interp.dict_set_str(dict, kind.name(), Value::Obj(class));
    }
}
