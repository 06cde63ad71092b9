//! The `importlib` module: `import_module` and `ModuleSpec` (in
//! `py/importlib.py`) over the import system of [`mod@super::import`]. CPython's
//! own `importlib` package drives its frozen `_bootstrap`, which this
//! runtime replaces with Rust, so this one module stands for it.

use crate::object::ObjRef;
use crate::strategy::LockStrategy;
use crate::vm::Vm;

pub fn init<S: LockStrategy>(vm: &mut Vm<S>, dict: &ObjRef<S>) {
    super::add_functions(
        vm,
        dict,
        &[("_gcd_import", super::import::gcd_import, false)],
    );
}
