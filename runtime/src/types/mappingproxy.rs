//! `types.MappingProxyType`: a read-only view of a dict, which is what a
//! class's `__dict__` is (`Objects/descrobject.c`): reads go to the dict as
//! it is now, writes are refused. The proxy itself never changes, so it
//! needs no lock; the dict it wraps is read under its own.

use super::{NativeKind, NativeObject, TypeSpec};
use crate::object::{ObjRef, Payload, Value};
use crate::ops;
use crate::strategy::LockStrategy;
use crate::vm::{Args, PyResult, Vm};
use std::any::Any;

/// A read-only view of `mapping` (a dict).
pub struct MappingProxy<S: LockStrategy> {
    pub mapping: Value<S>,
}

/// `mappingproxy(d)`.
pub fn new_proxy<S: LockStrategy>(mapping: Value<S>) -> Value<S> {
    super::new_object(MappingProxy { mapping })
}

fn is_dict<S: LockStrategy>(v: &Value<S>) -> bool {
    matches!(v.payload(), Some(Payload::Dict(_)))
}

/// `types.MappingProxyType(mapping)`: dicts (and their subclasses) only
/// here; CPython takes any mapping.
fn mappingproxy_new<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    crate::builtins::no_other_keywords(vm, "mappingproxy", &args)?;
    if args.pos.len() != 1 {
        return Err(vm.type_error(format!(
            "mappingproxy() takes exactly one argument ({} given)",
            args.pos.len()
        )));
    }
    let mapping = &args.pos[0];
    if !is_dict(mapping) {
        return Err(vm.type_error(format!(
            "mappingproxy() argument must be a mapping, not {}",
            ops::type_name(mapping)
        )));
    }
    Ok(new_proxy(mapping.clone()))
}

/// A method that reads the wrapped dict: `proxy.keys()` is
/// `dict.keys(proxy's dict)`.
fn delegate<S: LockStrategy>(vm: &mut Vm<S>, name: &str, args: Args<S>) -> PyResult<S> {
    let proxy =
        super::receiver::<S, MappingProxy<S>>(vm, name, NativeKind::MappingProxy, &args.pos)?;
    let mapping = proxy.mapping.clone();
    ops::call_method(vm, &mapping, name, args.pos[1..].to_vec())
}

fn mp_get<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    delegate(vm, "get", args)
}

fn mp_keys<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    delegate(vm, "keys", args)
}

fn mp_values<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    delegate(vm, "values", args)
}

fn mp_items<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    delegate(vm, "items", args)
}

fn mp_copy<S: LockStrategy>(vm: &mut Vm<S>, args: Args<S>) -> PyResult<S> {
    delegate(vm, "copy", args)
}

impl<S: LockStrategy> NativeObject<S> for MappingProxy<S> {
    fn kind(&self) -> NativeKind {
        NativeKind::MappingProxy
    }

    fn repr(&self, vm: &mut Vm<S>, _this: &ObjRef<S>) -> PyResult<S, String> {
        Ok(format!(
            "mappingproxy({})",
            crate::repr::repr(vm, &self.mapping)?
        ))
    }

    /// `str(proxy)` is the dict's.
    fn str(&self, vm: &mut Vm<S>, _this: &ObjRef<S>) -> Option<PyResult<S, String>> {
        Some(crate::repr::to_str(vm, &self.mapping))
    }

    fn len(&self, _this: &ObjRef<S>) -> Option<usize> {
        Some(ops::dict_len(&self.mapping))
    }

    fn get_item(
        &self,
        vm: &mut Vm<S>,
        _this: &ObjRef<S>,
        index: &Value<S>,
    ) -> PyResult<S, Option<Value<S>>> {
        ops::get_item(vm, &self.mapping, index).map(Some)
    }

    fn contains(
        &self,
        vm: &mut Vm<S>,
        _this: &ObjRef<S>,
        item: &Value<S>,
    ) -> PyResult<S, Option<bool>> {
        ops::contains(vm, &self.mapping, item).map(Some)
    }

    fn iter(&self, vm: &mut Vm<S>, _this: &ObjRef<S>) -> Option<PyResult<S>> {
        Some(ops::get_iter(vm, &self.mapping))
    }

    fn is_container(&self) -> bool {
        true
    }

    fn traverse(&self, _header: &crate::object::Header, visit: &mut dyn FnMut(&Value<S>)) {
        visit(&self.mapping);
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The type's registration (see `types/mod.rs`).
pub fn spec<S: LockStrategy>() -> TypeSpec<S> {
    TypeSpec {
        name: NativeKind::MappingProxy.short_name(),
        builtin: false,
        new: mappingproxy_new,
        methods: || {
            vec![
                ("get", mp_get as crate::object::NativeFn<S>),
                ("keys", mp_keys),
                ("values", mp_values),
                ("items", mp_items),
                ("copy", mp_copy),
            ]
        },
        dunders: &["__len__", "__getitem__", "__contains__", "__iter__"],
        base: super::Base::No,
    }
}
