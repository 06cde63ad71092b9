//! The `weakref` module: `ref` (see [`crate::weakref`] for the object and
//! its protocol), `getweakrefcount`, `getweakrefs`; `WeakValueDictionary`,
//! `WeakKeyDictionary` and `WeakSet` are written in Python on top of `ref`
//! with callbacks (`py/weakref.py`), as CPython writes them.

use crate::object::{ObjRef, TypeKind, Value};
use crate::strategy::LockStrategy;
use crate::vm::Vm;

pub fn init<S: LockStrategy>(vm: &mut Vm<S>, dict: &ObjRef<S>) {
    let ref_type = Value::Obj(vm.interp.type_of_kind(TypeKind::WeakRef).clone());
    vm.interp.dict_set_str(dict, "ref", ref_type.clone());
    vm.interp.dict_set_str(dict, "ReferenceType", ref_type);
    super::add_functions(
        vm,
        dict,
        &[
            ("getweakrefcount", crate::weakref::getweakrefcount, false),
            ("getweakrefs", crate::weakref::getweakrefs, false),
        ],
    );
}
