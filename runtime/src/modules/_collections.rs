//! The `_collections` module, what CPython's `collections` package takes
//! from C: `deque` and its iterators (native, [`crate::types::deque`]:
//! every operation is one critical section, so `append`/`popleft` are
//! atomic in every lock mode) and `defaultdict` (a `dict` subclass written
//! in Python, `py/_collections.py`: its one piece of logic,
//! `__missing__`, stores the default with the dict's own atomic
//! `setdefault`). `OrderedDict`, `_count_elements` and `_tuplegetter` are
//! left to the pure-Python fallbacks in CPython's `collections`.

use crate::object::{ObjRef, TypeKind, Value};
use crate::strategy::LockStrategy;
use crate::types::NativeKind;
use crate::vm::Vm;

pub fn init<S: LockStrategy>(vm: &mut Vm<S>, dict: &ObjRef<S>) {
    for (name, kind) in [
        ("deque", NativeKind::Deque),
        ("_deque_iterator", NativeKind::DequeIter),
        ("_deque_reverse_iterator", NativeKind::DequeReverseIter),
    ] {
        let class = vm.interp.types[&TypeKind::Native(kind)].clone();
        vm.interp.dict_set_str(dict, name, Value::Obj(class));
    }
}
