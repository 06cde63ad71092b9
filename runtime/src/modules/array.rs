//! The `array` module: the `array` type (`crate::types::array`), its
//! `ArrayType` alias and `typecodes`.

use crate::object::{ObjRef, TypeKind, Value};
use crate::strategy::LockStrategy;
use crate::vm::Vm;

pub fn init<S: LockStrategy>(vm: &mut Vm<S>, dict: &ObjRef<S>) {
    let kind = TypeKind::Native(crate::types::NativeKind::Array);
    let class = Value::Obj(vm.interp.types[&kind].clone());
    vm.interp.dict_set_str(dict, "array", class.clone());
    vm.interp.dict_set_str(dict, "ArrayType", class);
    vm.interp
        .dict_set_str(dict, "typecodes", vm.new_str("bBuhHiIlLqQfd"));
}
